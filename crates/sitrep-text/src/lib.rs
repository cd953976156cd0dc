//! sitrep's text layer.
//!
//! - In: raw document text (and, for time expressions, the publication date).
//! - Out: normalised text with a map back to original code-point offsets, sentence and token
//!   spans, quantities ("at least six" → min 6) and resolved time expressions with a precision.
//! - Never: I/O, or a guessed value: "several" is an unknown count, not a number.
//! - Never: panics on any input; all spans are byte ranges on `char` boundaries of the text given.
//!
//! The word lists (abbreviations, number words, calendar words, character rewrites) are data
//! files under `data/text/`, embedded at compile time and checked by this crate's tests.

mod data;
mod normalize;
mod numbers;
mod scan;
mod sentences;
mod time;
mod tokens;

pub use normalize::Normalized;
pub use numbers::{Quantity, parse_quantity, quantities};
pub use sentences::sentences;
pub use time::{TimeExpr, time_expressions};
pub use tokens::{Token, TokenKind, tokens};

/// What can go wrong in this crate: only the embedded data files can be malformed, and the
/// tests check they are not. Public so that a caller can force the check at start-up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("data/text/{file}: {message} (fix the data file and rebuild)")]
    Data { file: &'static str, message: String },
}

/// Parses every embedded data file, so a broken file shows at start-up rather than on first use.
pub fn check_data() -> Result<(), Error> {
    data::Lexicons::load().map(|_| ())
}
