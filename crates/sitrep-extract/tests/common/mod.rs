//! Helpers shared by the integration tests: a document built from a sentence, and the violent
//! events of its output.

use sitrep_extract::Extractor;
use sitrep_model::{DocOutput, Document, Event};
use std::sync::OnceLock;

/// The extractor with the shipped dictionaries, loaded once per test binary.
#[allow(dead_code)]
pub fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::with_defaults().expect("shipped dictionaries load"))
}

/// The output for `text`, published on `published`, by `source` if given.
pub fn extract(ex: &Extractor, text: &str, published: &str, source: Option<&str>) -> DocOutput {
    let mut line = serde_json::json!({"id": "t", "published": published, "text": text});
    if let Some(s) = source {
        line["source"] = s.into();
    }
    let doc: Document = serde_json::from_value(line).expect("a valid document line");
    ex.extract(&doc)
}

/// The violent ACLED events of `text` (not strategic developments, protests or riots), current
/// and background.
#[allow(dead_code)]
pub fn violent(ex: &Extractor, text: &str, published: &str) -> Vec<Event> {
    extract(ex, text, published, None)
        .events
        .into_iter()
        .filter(|e| {
            e.event_type
                .is_some_and(|t| !matches!(t.as_str(), "Strategic developments" | "Protests" | "Riots"))
        })
        .collect()
}
