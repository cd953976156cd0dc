//! Fuzzes format detection and dispatch: the first byte picks a file name.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{Options, read};

const NAMES: &[&str] = &["a.jsonl", "a.json", "a.xml", "a.html", "a.txt", "a.csv", "a.tsv", "a"];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else { return };
    let _ = read(NAMES[usize::from(*first) % NAMES.len()], rest, &Options::default());
});
