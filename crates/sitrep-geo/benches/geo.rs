//! Resolver throughput over UCDP headlines and index load time.
//!
//!     cargo bench -p sitrep-geo --bench geo
//!
//! Headlines come from ../shared (the corpus is not copied into the repository); without it the
//! throughput bench runs on a few built-in sentences.

use divan::counter::{BytesCount, ItemsCount};
use sitrep_geo::{Context, Gazetteer};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn headlines() -> &'static Vec<String> {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/ucdp-ged/dev.docs.jsonl");
        match std::fs::read_to_string(path) {
            Ok(s) => s
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect(),
            Err(_) => {
                eprintln!("skipping the corpus: ../shared absent, using built-in sentences");
                vec![
                    "Suicide bomber kills six near the Foreign Ministry in Kabul".to_string(),
                    "Shelling in Deir ez-Zor and Rif Dimashq kills five".to_string(),
                    "Drone strike kills four in North Waziristan, northwest Pakistan".to_string(),
                ]
            }
        }
    })
}

/// `find` over every headline: bytes and headlines per second.
#[divan::bench]
fn find_headlines(b: divan::Bencher) {
    let g = Gazetteer::embedded();
    let h = headlines();
    let bytes: usize = h.iter().map(String::len).sum();
    b.counter(BytesCount::new(bytes)).counter(ItemsCount::new(h.len())).bench(|| {
        let ctx = Context::default();
        h.iter().map(|t| g.find(divan::black_box(t), &ctx).len()).sum::<usize>()
    });
}

/// `lookup` of single names: names per second.
#[divan::bench]
fn lookup_names(b: divan::Bencher) {
    let g = Gazetteer::embedded();
    let names = [
        "Kabul",
        "Mazar-i-Sharif",
        "Helmand province",
        "Khost",
        "Deir ez-Zor",
        "Rif Dimashq",
        "Punjab",
        "North Waziristan",
        "Aleppo",
        "Nīnawá",
        "Quetta",
        "Peshawar",
        "Hama countryside",
        "Xqzzy",
    ];
    b.counter(ItemsCount::new(names.len())).bench(|| {
        let ctx = Context::default();
        names.iter().filter(|n| g.lookup(divan::black_box(n), &ctx).is_some()).count()
    });
}

/// Loading the embedded index (what `Gazetteer::embedded()` does on its first call).
#[divan::bench]
fn load_embedded() -> Gazetteer {
    Gazetteer::embedded_uncached().expect("embedded index")
}

/// `open` of an index file (memory-mapped), here the embedded index written to disk.
#[divan::bench]
fn open_file(b: divan::Bencher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gazetteer.idx");
    std::fs::write(&path, Gazetteer::embedded_index_bytes()).expect("write index");
    b.bench(|| Gazetteer::open(&path).expect("open index"));
}
