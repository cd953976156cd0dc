//! sitrep's readers.
//!
//! - In: the bytes of an export or feed and the name it came from (a file path), reader options
//!   (`--published`, a CSV column mapping) and the user's `sources.toml`.
//! - Out: one `Result<Document, ReadError>` per record, in input order; a `ReadError` names the
//!   file and the line or record number, so a bad record can be skipped and reported.
//! - Never: extraction, storage or network I/O; never invents a date or an id it was not given
//!   (a missing date stays None; ids are derived from the input: file name, record number).
//!
//! A new input format is one new module with a `read(name, bytes, opts)` function and one line
//! in [`detect`].

mod csv_reader;
mod feed;
mod html;
mod jsonl;
mod sources;
mod telegram;
mod text;
mod twitter;

pub use csv_reader::CsvMap;
pub use html::main_text;
pub use sources::{SourceEntry, SourceMap};

use chrono::NaiveDate;
use sitrep_model::Document;

/// A record that could not be read. `record` is 1-based: a line for line formats, the position
/// of the message/tweet/item otherwise; None when the whole file is unreadable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", record.map(|r| format!(":{r}")).unwrap_or_default())]
pub struct ReadError {
    pub file: String,
    pub record: Option<usize>,
    pub message: String,
}

impl ReadError {
    pub fn new(file: &str, record: Option<usize>, message: impl Into<String>) -> Self {
        ReadError { file: file.to_string(), record, message: message.into() }
    }
}

/// Errors in the configuration of the readers (not in the data).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sources file: {0}")]
    Sources(String),
    #[error(
        "--csv-map {0:?}: expected FIELD=COLUMN[,FIELD=COLUMN…] with FIELD one of id, text, published, title, url, source"
    )]
    CsvMap(String),
}

/// The formats sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CONTRACT documents, one JSON object per line.
    Jsonl,
    /// X/Twitter API v2 responses: one response object, or JSON lines of responses.
    Twitter,
    /// Telegram Desktop channel export (`result.json`).
    Telegram,
    /// RSS 0.9x/1.0/2.0 or Atom.
    Feed,
    Html,
    Text,
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "jsonl" => Format::Jsonl,
            "twitter" | "x" => Format::Twitter,
            "telegram" => Format::Telegram,
            "rss" | "atom" | "feed" => Format::Feed,
            "html" => Format::Html,
            "txt" | "text" => Format::Text,
            "csv" => Format::Csv,
            _ => return Err(format!("unknown format {s:?}: jsonl, twitter, telegram, feed, html, txt, csv")),
        })
    }
}

/// Options shared by the readers.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication date for `.txt` files whose name carries none.
    pub published: Option<NaiveDate>,
    pub csv_map: CsvMap,
    pub sources: SourceMap,
    /// Skip detection.
    pub format: Option<Format>,
}

fn extension(name: &str) -> String {
    std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}

fn first_json_value(bytes: &[u8]) -> Option<serde_json::Value> {
    let line = bytes.split(|b| *b == b'\n').find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))?;
    serde_json::from_slice(line).ok()
}

fn is_twitter(v: &serde_json::Value) -> bool {
    v.get("data").is_some_and(|d| d.is_array() || d.get("text").is_some())
        || (v.get("meta").is_some() && v.get("includes").is_some())
        || v.get("meta").and_then(|m| m.get("result_count")).is_some()
}

fn sniff_json(bytes: &[u8]) -> Option<Format> {
    // A single JSON document (pretty-printed Telegram or Twitter) or JSON lines.
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) {
        if v.get("messages").is_some_and(|m| m.is_array()) {
            return Some(Format::Telegram);
        }
        if is_twitter(&v) {
            return Some(Format::Twitter);
        }
        return Some(Format::Jsonl);
    }
    let v = first_json_value(bytes)?;
    Some(if is_twitter(&v) { Format::Twitter } else { Format::Jsonl })
}

/// Guesses a file's format from its extension, then its first bytes. None: not a format sitrep
/// reads (a directory walk skips such files and says so).
pub fn detect(name: &str, bytes: &[u8]) -> Option<Format> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    match extension(name).as_str() {
        "jsonl" | "ndjson" | "json" => sniff_json(bytes),
        "rss" | "atom" => Some(Format::Feed),
        "xml" => {
            (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf")).then_some(Format::Feed)
        }
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "txt" | "text" => Some(Format::Text),
        "csv" | "tsv" => Some(Format::Csv),
        _ if head.starts_with('{') => sniff_json(bytes),
        _ if head.starts_with('<') => {
            if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
                Some(Format::Feed)
            } else if head.contains("<html") || head.contains("<!doctype html") {
                Some(Format::Html)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Reads every record of one file. Sources are attached from `opts.sources` where they match.
pub fn read(name: &str, bytes: &[u8], opts: &Options) -> Vec<Result<Document, ReadError>> {
    let Some(format) = opts.format.or_else(|| detect(name, bytes)) else {
        return vec![Err(ReadError::new(name, None, "unknown format (use --format)"))];
    };
    let mut out = match format {
        Format::Jsonl => jsonl::read(name, bytes),
        Format::Twitter => twitter::read(name, bytes),
        Format::Telegram => telegram::read(name, bytes),
        Format::Feed => feed::read(name, bytes),
        Format::Html => html::read(name, bytes),
        Format::Text => text::read(name, bytes, opts.published),
        Format::Csv => csv_reader::read(name, bytes, &opts.csv_map),
    };
    for d in out.iter_mut().flatten() {
        opts.sources.attach(d);
    }
    out
}

/// Text of a file as UTF-8 (a BOM dropped), or the error for the whole file.
pub(crate) fn utf8<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, ReadError> {
    let s = std::str::from_utf8(bytes).map_err(|e| ReadError::new(name, None, format!("not UTF-8: {e}")))?;
    Ok(s.strip_prefix('\u{feff}').unwrap_or(s))
}

/// The file name without directories or extension, for ids.
pub(crate) fn stem(name: &str) -> String {
    std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name).to_string()
}

/// Collapses runs of spaces and tabs, keeps paragraph breaks, trims.
pub(crate) fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for para in s.split("\n\n") {
        let line: Vec<&str> = para.split_whitespace().collect();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_extension_and_content() {
        // (name, content, format), one per line.
        let cases: &[(&str, &str, Option<Format>)] = &[
            ("a.jsonl", r#"{"id":"1","text":"x"}"#, Some(Format::Jsonl)),
            (
                "a.jsonl",
                r#"{"data":[{"id":"1","text":"x"}],"meta":{"result_count":1}}"#,
                Some(Format::Twitter),
            ),
            ("a.json", r#"{"data":{"id":"1","text":"x"}}"#, Some(Format::Twitter)),
            ("result.json", "{\n \"name\": \"c\",\n \"messages\": []\n}", Some(Format::Telegram)),
            ("feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\">", Some(Format::Feed)),
            ("feed", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", Some(Format::Feed)),
            ("page", "<!DOCTYPE html><html>", Some(Format::Html)),
            ("a.HTM", "whatever", Some(Format::Html)),
            ("notes.txt", "text", Some(Format::Text)),
            ("t.csv", "a,b", Some(Format::Csv)),
            ("x.bin", "\u{0}\u{1}", None),
            ("config.xml", "<config/>", None),
        ];
        for (name, content, want) in cases {
            assert_eq!(detect(name, content.as_bytes()), *want, "{name}");
        }
    }

    #[test]
    fn read_error_display_names_file_and_record() {
        assert_eq!(ReadError::new("a.jsonl", Some(3), "bad").to_string(), "a.jsonl:3: bad");
        assert_eq!(ReadError::new("a.jsonl", None, "bad").to_string(), "a.jsonl: bad");
    }

    #[test]
    fn tidy_collapses_spaces_keeps_paragraphs() {
        assert_eq!(tidy("  a \t b\n c\n\n\n\nd  "), "a b c\n\nd");
    }
}
