//! The whole text layer on real text: normalise, sentences, tokens, quantities, time expressions.
//!
//! Inputs are read at run time from `../shared` (never committed):
//! - `ucdp_headlines`: the `text` of every UCDP GED dev document, one call per headline;
//! - `long_text`: the seed article repeated 100 times, one call.
//!
//! Run: `cargo bench -p sitrep-text --bench text`. Throughput is in bytes per second.

use chrono::NaiveDate;
use divan::Bencher;
use divan::counter::BytesCount;
use std::path::PathBuf;

fn main() {
    divan::main();
}

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn published() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 3, 28).unwrap_or_default()
}

/// Everything the extractor asks of the text layer, for one document.
fn pipeline(text: &str, published: NaiveDate) -> usize {
    let n = sitrep_text::Normalized::new(text);
    let s = sitrep_text::sentences(&n.text);
    let t = sitrep_text::tokens(&n.text);
    let q = sitrep_text::quantities(&n.text);
    let e = sitrep_text::time_expressions(&n.text, published);
    let first = s.first().map_or(0, |r| n.original_span(r.clone()).end);
    s.len() + t.len() + q.len() + e.len() + first
}

fn headlines() -> Option<Vec<(String, NaiveDate)>> {
    let raw = std::fs::read_to_string(shared().join("corpora/ucdp-ged/dev.docs.jsonl")).ok()?;
    let docs = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let p = v.get("published").and_then(|p| p.as_str()).and_then(|p| p.get(..10));
            let p = p.and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()).unwrap_or_else(published);
            Some((text, p))
        })
        .collect();
    Some(docs)
}

#[divan::bench]
fn ucdp_headlines(bencher: Bencher) {
    let Some(docs) = headlines() else {
        eprintln!("skipping ucdp_headlines: ../shared/corpora/ucdp-ged/dev.docs.jsonl absent");
        return;
    };
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| docs.iter().map(|(t, p)| pipeline(divan::black_box(t), *p)).sum::<usize>());
}

#[divan::bench]
fn long_text(bencher: Bencher) {
    let Ok(seed) = std::fs::read_to_string(shared().join("seed/000_a4c7c5db470ad6e8.txt")) else {
        eprintln!("skipping long_text: ../shared/seed absent");
        return;
    };
    let text = seed.repeat(100);
    bencher.counter(BytesCount::of_str(&text)).bench(|| pipeline(divan::black_box(&text), published()));
}

/// Each stage alone on the long text, to see where the time goes.
#[divan::bench(args = ["normalize", "sentences", "tokens", "quantities", "time"])]
fn stage(bencher: Bencher, stage: &str) {
    let Ok(seed) = std::fs::read_to_string(shared().join("seed/000_a4c7c5db470ad6e8.txt")) else {
        eprintln!("skipping stage: ../shared/seed absent");
        return;
    };
    let text = seed.repeat(100);
    let p = published();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let t = divan::black_box(text.as_str());
        match stage {
            "normalize" => sitrep_text::Normalized::new(t).text.len(),
            "sentences" => sitrep_text::sentences(t).len(),
            "tokens" => sitrep_text::tokens(t).len(),
            "quantities" => sitrep_text::quantities(t).len(),
            _ => sitrep_text::time_expressions(t, p).len(),
        }
    });
}
