//! The input document of the contract, one JSON object per line.

use chrono::{DateTime, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who published a document. In the contract it is a bare string or an object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Who runs the source, e.g. "Taliban" for the account of the Taliban's spokesman.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// What kind of source: wire, official, militant, local, social …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// ISO 3166-1 alpha-2 country of the source, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SourceRepr {
    Name(String),
    Full {
        name: Option<String>,
        #[serde(default)]
        handle: Option<String>,
        #[serde(default)]
        affiliation: Option<String>,
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        country: Option<String>,
    },
}

fn de_source<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Source>, D::Error> {
    Ok(Option::<SourceRepr>::deserialize(d)?.map(|r| match r {
        SourceRepr::Name(name) => Source { name: Some(name), ..Source::default() },
        SourceRepr::Full { name, handle, affiliation, kind, country } => {
            Source { name, handle, affiliation, kind, country }
        }
    }))
}

/// One input document. Unknown keys are kept in `extra` and otherwise ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// `YYYY-MM-DD` or an RFC 3339 timestamp, as given. Use [`Document::published_date`].
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default, deserialize_with = "de_source")]
    pub source: Option<Source>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error("`published` is {0:?}: expected YYYY-MM-DD or an RFC 3339 timestamp")]
    BadPublished(String),
    #[error("`id` is empty")]
    EmptyId,
}

impl Document {
    /// A document with only an id, a text and a publication date.
    pub fn new(id: impl Into<String>, text: impl Into<String>, published: Option<NaiveDate>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            published: published.map(|d| d.to_string()),
            source: None,
            title: None,
            url: None,
            extra: serde_json::Map::new(),
        }
    }

    /// Checks what serde cannot: a non-empty id and a readable publication date.
    pub fn validate(&self) -> Result<(), DocumentError> {
        if self.id.is_empty() {
            return Err(DocumentError::EmptyId);
        }
        self.published_date().map(|_| ())
    }

    /// The publication date, if given. A present but unreadable value is an error, never ignored.
    pub fn published_date(&self) -> Result<Option<NaiveDate>, DocumentError> {
        let Some(p) = self.published.as_deref().map(str::trim).filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        if let Ok(d) = NaiveDate::parse_from_str(p, "%Y-%m-%d") {
            return Ok(Some(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(p) {
            return Ok(Some(dt.date_naive()));
        }
        Err(DocumentError::BadPublished(p.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_as_string_or_object() {
        let a: Document = serde_json::from_str(r#"{"id":"a","text":"x","source":"Sputnik"}"#).unwrap();
        assert_eq!(a.source.unwrap().name.as_deref(), Some("Sputnik"));
        let b: Document = serde_json::from_str(
            r#"{"id":"b","text":"x","source":{"name":"n","affiliation":"Taliban"},"lang":"en"}"#,
        )
        .unwrap();
        assert_eq!(b.source.unwrap().affiliation.as_deref(), Some("Taliban"));
        assert!(b.extra.contains_key("lang"));
    }

    #[test]
    fn published_formats() {
        let mut d = Document::new("a", "x", None);
        assert_eq!(d.published_date(), Ok(None));
        d.published = Some("2023-03-28".into());
        assert_eq!(d.published_date().unwrap(), NaiveDate::from_ymd_opt(2023, 3, 28));
        d.published = Some("2023-03-28T23:10:00+04:30".into());
        assert_eq!(d.published_date().unwrap(), NaiveDate::from_ymd_opt(2023, 3, 28));
        d.published = Some("28/03/2023".into());
        assert!(d.published_date().is_err());
    }

    #[test]
    fn missing_text_is_an_error() {
        assert!(serde_json::from_str::<Document>(r#"{"id":"a"}"#).is_err());
    }
}
