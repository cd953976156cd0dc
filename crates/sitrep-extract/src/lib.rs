//! sitrep's extraction.
//!
//! - In: a `Document` (text, publication date, source), the actor dictionary and event lexicon
//!   (data files, compiled once), and a loaded gazetteer.
//! - Out: a `DocOutput`: events, statements and tallies, each with evidence spans and a confidence.
//! - Never: I/O; never an event without evidence, never a fallback type.

use sitrep_model::{DocOutput, Document};

/// Errors building an extractor (a data file that does not parse or does not resolve).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {message}")]
    Data { file: String, message: String },
}

/// The compiled dictionaries and lexicon; build once, share across threads (`Sync`).
pub struct Extractor {}

impl Extractor {
    /// An extractor with the dictionaries and gazetteer that ship with sitrep.
    pub fn with_defaults() -> Result<Self, Error> {
        Ok(Extractor {})
    }

    /// Extracts everything from one document. Never fails: a document with nothing to report
    /// yields empty lists.
    pub fn extract(&self, doc: &Document) -> DocOutput {
        DocOutput { doc_id: doc.id.clone(), ..DocOutput::default() }
    }
}
