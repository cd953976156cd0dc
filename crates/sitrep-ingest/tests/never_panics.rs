//! Property tests: no reader panics, whatever the bytes. (The cargo-fuzz targets under `fuzz/`
//! run the same entry points with coverage guidance where nightly is available.)

use proptest::prelude::*;
use sitrep_ingest::{Format, Options, read};

const FORMATS: &[(Format, &str)] = &[
    (Format::Jsonl, "a.jsonl"),
    (Format::Twitter, "t.json"),
    (Format::Telegram, "result.json"),
    (Format::Feed, "f.xml"),
    (Format::Html, "p.html"),
    (Format::Text, "2023-03-28.txt"),
    (Format::Csv, "c.csv"),
];

/// Fragments of each format, so generated inputs reach past the first parse error.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\n",
    "\"id\"",
    "\"text\"",
    "\"data\"",
    "\"includes\"",
    "\"users\"",
    "\"messages\"",
    "\"type\"",
    "\"message\"",
    "\"date_unixtime\"",
    "\"1679927400\"",
    "\"2023-03-28\"",
    "1",
    "null",
    "<rss>",
    "<channel>",
    "<item>",
    "<title>",
    "</title>",
    "</item>",
    "<feed>",
    "<entry>",
    "<html>",
    "<article>",
    "<p>",
    "<script>",
    "<!--",
    "-->",
    "text,published",
    "é",
    "\u{feff}",
    "\\u0000",
    "&amp;",
];

fn assembled() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat().into_bytes())
}

proptest! {
    // PROPTEST_CASES=N runs more (the default keeps `cargo test` quick).
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn readers_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), which in 0..FORMATS.len()) {
        let (format, name) = FORMATS[which];
        let opts = Options { format: Some(format), ..Options::default() };
        let _ = read(name, &bytes, &opts);
    }

    #[test]
    fn readers_never_panic_on_assembled_fragments(bytes in assembled(), which in 0..FORMATS.len()) {
        let (format, name) = FORMATS[which];
        let opts = Options { format: Some(format), ..Options::default() };
        let out = read(name, &bytes, &opts);
        // Every document that comes out is valid.
        for d in out.into_iter().flatten() {
            prop_assert!(d.validate().is_ok());
        }
    }

    #[test]
    fn detection_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200), name in "[a-z]{0,5}(\\.(json|jsonl|xml|html|txt|csv|tsv|rss))?") {
        let _ = read(&name, &bytes, &Options::default());
    }
}
