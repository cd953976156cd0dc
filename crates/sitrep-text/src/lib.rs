//! sitrep's text layer.
//!
//! - In: raw document text (and, for time expressions, the publication date).
//! - Out: normalised text with a map back to original code-point offsets, sentence and token
//!   spans, quantities ("at least six" → min 6) and resolved time expressions with a precision.
//! - Never: I/O, or a guessed value: "several" is an unknown count, not a number.
