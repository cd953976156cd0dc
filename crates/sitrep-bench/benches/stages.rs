//! Every stage of sitrep on the same inputs: text layer, place resolution, extraction,
//! consolidation, store writes, queries, and the gazetteer load.
//!
//!     cargo bench -p sitrep-bench --bench stages [-- FILTER]
//!
//! Inputs (read at run time, never committed): `ucdp` = the UCDP GED dev headlines, `seed` = the
//! seed article, `long` = the seed text 100 times over, `plover` = the PLOVER GSR sentences,
//! `examples` = examples/reports.jsonl, `synthetic` = 2,000 `sitrep gen` documents. A corpus that
//! is absent (no ../shared) is skipped with a message. Throughput is in bytes of text.

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use sitrep_bench as wl;
use sitrep_consolidate::{Consolidator, Mention, Rules};
use sitrep_extract::Extractor;
use sitrep_geo::{Context, Gazetteer};
use sitrep_model::{DocOutput, Document};
use sitrep_store::{CountBy, EventFilter, Item, Store};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const CORPORA: &[&str] = &["ucdp", "seed", "long", "plover", "examples", "synthetic"];

fn corpus(name: &str) -> Option<Vec<Document>> {
    let r = match name {
        "ucdp" => wl::ucdp_dev(),
        "seed" => wl::seed().map(|d| vec![d]),
        "long" => wl::long_seed(100).map(|d| vec![d]),
        "plover" => wl::plover(),
        "examples" => wl::examples(),
        _ => wl::synthetic(2000, 1),
    };
    r.map_err(|e| eprintln!("skipping {name}: {e}")).ok()
}

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| match Extractor::with_defaults() {
        Ok(x) => x,
        Err(e) => panic!("the embedded dictionaries do not load: {e}"),
    })
}

#[divan::bench(args = CORPORA)]
fn text_layer(b: Bencher, name: &str) {
    let Some(docs) = corpus(name) else { return };
    let day = chrono::NaiveDate::from_ymd_opt(2023, 3, 28).unwrap_or_default();
    b.counter(BytesCount::new(wl::text_bytes(&docs)))
        .bench(|| docs.iter().map(|d| wl::text_layer(d, day)).sum::<usize>());
}

#[divan::bench(args = CORPORA)]
fn place_resolution(b: Bencher, name: &str) {
    let Some(docs) = corpus(name) else { return };
    let g = Gazetteer::embedded();
    b.counter(BytesCount::new(wl::text_bytes(&docs))).bench(|| {
        let ctx = Context::default();
        docs.iter().map(|d| g.find(divan::black_box(&d.text), &ctx).len()).sum::<usize>()
    });
}

#[divan::bench(args = CORPORA)]
fn extraction(b: Bencher, name: &str) {
    let Some(docs) = corpus(name) else { return };
    let x = extractor();
    b.counter(BytesCount::new(wl::text_bytes(&docs)))
        .counter(ItemsCount::new(docs.len()))
        .bench(|| docs.iter().map(|d| x.extract(divan::black_box(d)).events.len()).sum::<usize>());
}

/// The embedded gazetteer, decompressed and indexed from scratch (what a process start pays).
#[divan::bench(sample_count = 20)]
fn gazetteer_load() -> usize {
    Gazetteer::embedded_uncached().map(|g| g.country("AF").is_some() as usize).unwrap_or(0)
}

/// The actor dictionary and event lexicon compiled (what a process start pays besides).
#[divan::bench(sample_count = 10)]
fn extractor_load() -> bool {
    Extractor::with_defaults().is_ok()
}

/// Synthetic documents with their extraction, shared by the consolidation and store benches.
fn extracted(n: u64) -> Vec<(Document, DocOutput, String)> {
    let x = extractor();
    wl::synthetic(n, 1)
        .unwrap_or_default()
        .into_iter()
        .map(|d| {
            let out = x.extract(&d);
            let hash = sitrep_store::content_hash(&d.text);
            (d, out, hash)
        })
        .collect()
}

fn mentions(docs: &[(Document, DocOutput, String)]) -> Vec<Mention> {
    docs.iter()
        .flat_map(|(d, out, hash)| {
            out.events.iter().enumerate().map(move |(i, e)| Mention {
                key: sitrep_store::mention_key(hash, i),
                doc_id: d.id.clone(),
                source: d.source.as_ref().and_then(|s| s.name.clone()),
                published: d.published_date().ok().flatten(),
                event: e.clone(),
            })
        })
        .collect()
}

#[divan::bench(args = [500, 2000])]
fn consolidation(b: Bencher, n: u64) {
    let Ok(rules) = Rules::embedded() else { return };
    let m = mentions(&extracted(n));
    b.counter(ItemsCount::new(m.len())).with_inputs(|| m.clone()).bench_values(|m| {
        let mut c = Consolidator::new(rules.clone());
        c.add_batch(m).len()
    });
}

#[divan::bench(args = [200, 1000])]
fn store_writes(b: Bencher, n: u64) {
    let docs = extracted(n);
    let items: Vec<Item> =
        docs.iter().map(|(d, o, h)| Item { doc: d, hash: h, output: o, origin: None }).collect();
    b.counter(ItemsCount::new(items.len())).bench_local(|| {
        let dir = tempfile::tempdir().ok()?;
        let mut s = Store::open(&dir.path().join("b.db")).ok()?;
        s.write_batch(&items).ok().map(|st| st.new)
    });
}

/// A consolidated store of 5,000 synthetic documents, opened once.
fn query_store() -> Option<&'static (tempfile::TempDir, std::path::PathBuf)> {
    static S: OnceLock<Option<(tempfile::TempDir, std::path::PathBuf)>> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().join("q.db");
        let docs = extracted(5000);
        let items: Vec<Item> =
            docs.iter().map(|(d, o, h)| Item { doc: d, hash: h, output: o, origin: None }).collect();
        let mut s = Store::open(&path).ok()?;
        s.write_batch(&items).ok()?;
        s.consolidate(Rules::embedded().ok()?, false).ok()?;
        Some((dir, path))
    })
    .as_ref()
}

const FILTERS: &[&str] = &["all", "country", "country+month", "type", "actor"];

fn filter(name: &str) -> EventFilter {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    match name {
        "country" => EventFilter { country: Some("AF".into()), ..EventFilter::default() },
        "country+month" => EventFilter {
            country: Some("PK".into()),
            from: day(2023, 5, 1),
            to: day(2023, 5, 31),
            ..EventFilter::default()
        },
        "type" => EventFilter { event_type: Some("Battles".into()), ..EventFilter::default() },
        "actor" => EventFilter { actor: Some("Islamic State".into()), ..EventFilter::default() },
        _ => EventFilter::default(),
    }
}

#[divan::bench(args = FILTERS)]
fn queries_count_by_month(b: Bencher, name: &str) {
    let Some((_, path)) = query_store() else {
        eprintln!("skipping queries: the store could not be built");
        return;
    };
    let Ok(s) = Store::open(path) else { return };
    let f = filter(name);
    b.bench_local(|| s.count(CountBy::Month, &f).map(|r| r.len()).unwrap_or(0));
}
