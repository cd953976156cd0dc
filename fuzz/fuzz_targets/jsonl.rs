//! Fuzzes the Jsonl reader: it must never panic, whatever the bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{Format, Options, read};

fuzz_target!(|data: &[u8]| {
    let opts = Options { format: Some(Format::Jsonl), ..Options::default() };
    for d in read("f.jsonl", data, &opts).into_iter().flatten() {
        assert!(d.validate().is_ok(), "a reader returned an invalid document");
    }
});
