//! sitrep's store.
//!
//! - In: documents and extraction records (`sitrep-model` types).
//! - Out: an SQLite database with sources, documents, mentions, consolidated events, reviews.
//! - Never: NLP. The store does not know how records were extracted.
