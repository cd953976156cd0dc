//! sitrep's extraction.
//!
//! - In: a `Document` (text, publication date, source), the actor dictionary and event lexicon
//!   (data files, compiled once), and a loaded gazetteer.
//! - Out: a `DocOutput`: events, statements and tallies, each with evidence spans and a confidence.
//! - Never: I/O; never an event without evidence, never a fallback type.
