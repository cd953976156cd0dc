//! CONTRACT documents, one JSON object per line.

use crate::{ReadError, utf8};
use sitrep_model::Document;

pub fn read(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let text = match utf8(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec = serde_json::from_str::<Document>(line)
            .map_err(|e| ReadError::new(name, Some(i + 1), e.to_string()))
            .and_then(|d| {
                d.validate().map(|_| d).map_err(|e| ReadError::new(name, Some(i + 1), e.to_string()))
            });
        out.push(rec);
    }
    // A pretty-printed JSON array of documents is also accepted.
    if out.iter().all(Result::is_err)
        && let Ok(docs) = serde_json::from_str::<Vec<Document>>(text)
    {
        return docs
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                d.validate().map(|_| d).map_err(|e| ReadError::new(name, Some(i + 1), e.to_string()))
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_reports_bad_ones_by_line() {
        let input = concat!(
            r#"{"id": "d1", "text": "One.", "published": "2023-03-28", "source": "Wire"}"#,
            "\n\n",
            r#"{"id": "d2", "text": "Two.", "published": "28/03/2023"}"#,
            "\n",
            "not json\n",
            r#"{"id": "d4", "text": "Four.", "source": {"name": "Ch", "affiliation": "Taliban"}, "lang": "ps"}"#,
            "\n"
        );
        let r = read("in.jsonl", input.as_bytes());
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].as_ref().unwrap().id, "d1");
        assert_eq!(r[1].as_ref().unwrap_err().record, Some(3));
        assert_eq!(r[2].as_ref().unwrap_err().record, Some(4));
        assert!(r[3].as_ref().unwrap().extra.contains_key("lang"));
    }

    #[test]
    fn reads_a_json_array() {
        let r = read("in.json", br#"[{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]"#);
        assert_eq!(r.iter().flatten().count(), 2);
    }
}
