//! sitrep's readers.
//!
//! - In: bytes of an export or feed, and the name it came from.
//! - Out: `Document`s with their source, or an error naming the file and record.
//! - Never: extraction or storage.
