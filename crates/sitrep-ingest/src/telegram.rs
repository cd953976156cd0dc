//! Telegram Desktop channel export (`result.json`): `{"name", "type", "id", "messages": […]}`,
//! where a message's `text` is a string or a list of strings and entity objects.

use crate::{ReadError, utf8};
use serde::Deserialize;
use sitrep_model::{Document, Source};

#[derive(Deserialize)]
struct Export {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    messages: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Message {
    id: serde_json::Value,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_unixtime: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    text: Option<serde_json::Value>,
}

/// Flattens Telegram's text: a string, or a list of strings and `{"type": …, "text": …}` objects.
fn flatten(v: &serde_json::Value) -> Result<String, String> {
    match v {
        serde_json::Value::String(s) => Ok(s.clone()),
        serde_json::Value::Array(parts) => {
            let mut s = String::new();
            for p in parts {
                match p {
                    serde_json::Value::String(t) => s.push_str(t),
                    serde_json::Value::Object(o) => match o.get("text") {
                        Some(serde_json::Value::String(t)) => s.push_str(t),
                        _ => return Err("text entity without a text".into()),
                    },
                    _ => return Err("text part is neither a string nor an entity".into()),
                }
            }
            Ok(s)
        }
        _ => Err("text is neither a string nor a list".into()),
    }
}

fn id_string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// Service messages (joins, pins) and messages without text (a bare photo) yield no document.
pub fn read(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let export: Export = match utf8(name, bytes).and_then(|t| {
        serde_json::from_str(t).map_err(|e| ReadError::new(name, None, format!("not a Telegram export: {e}")))
    }) {
        Ok(e) => e,
        Err(e) => return vec![Err(e)],
    };
    let channel = export.id.as_ref().and_then(id_string).or_else(|| export.name.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for (i, raw) in export.messages.into_iter().enumerate() {
        let rec = Some(i + 1);
        let m: Message = match serde_json::from_value(raw) {
            Ok(m) => m,
            Err(e) => {
                out.push(Err(ReadError::new(name, rec, format!("message: {e}"))));
                continue;
            }
        };
        if m.kind.as_deref().is_some_and(|k| k != "message") {
            continue;
        }
        let text = match m.text.as_ref().map(flatten).transpose() {
            Ok(t) => t.unwrap_or_default(),
            Err(e) => {
                out.push(Err(ReadError::new(name, rec, e)));
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        let Some(mid) = id_string(&m.id) else {
            out.push(Err(ReadError::new(name, rec, "message without an id")));
            continue;
        };
        let mut doc = Document::new(format!("tg-{channel}-{mid}"), text, None);
        // The exported `date` is local time without a zone; the unix time is exact.
        let unix = m.date_unixtime.as_deref().and_then(|u| u.parse::<i64>().ok());
        doc.published = match unix.and_then(|u| chrono::DateTime::from_timestamp(u, 0)) {
            Some(dt) => Some(dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            None => m.date.as_deref().and_then(|d| d.get(..10)).map(str::to_string),
        };
        doc.source = Some(Source {
            name: export.name.clone().or(m.from),
            kind: export.kind.as_deref().map(|k| format!("telegram {}", k.replace('_', " "))),
            ..Source::default()
        });
        out.push(doc.validate().map(|_| doc).map_err(|e| ReadError::new(name, rec, e.to_string())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r#"{
 "name": "Example Channel",
 "type": "public_channel",
 "id": 1234567890,
 "messages": [
  {
   "id": 1,
   "type": "service",
   "date": "2023-03-26T09:00:00",
   "date_unixtime": "1679821200",
   "actor": "Example Channel",
   "actor_id": "channel1234567890",
   "action": "create_channel",
   "title": "Example Channel",
   "text": "",
   "text_entities": []
  },
  {
   "id": 2,
   "type": "message",
   "date": "2023-03-27T18:30:00",
   "date_unixtime": "1679927400",
   "from": "Example Channel",
   "from_id": "channel1234567890",
   "text": "Plain text claim.",
   "text_entities": [{"type": "plain", "text": "Plain text claim."}]
  },
  {
   "id": 3,
   "type": "message",
   "date": "2023-03-28T08:00:00",
   "date_unixtime": "1679990400",
   "edited": "2023-03-28T08:05:00",
   "from": "Example Channel",
   "text": ["Fighters struck ", {"type": "bold", "text": "a checkpoint"}, " near the city. ", {"type": "link", "text": "https://example.org/x"}],
   "text_entities": []
  },
  {"id": 4, "type": "message", "date": "2023-03-28T09:00:00", "photo": "photos/p.jpg", "text": ""},
  {"id": 5, "type": "message", "date": "2023-03-28T10:00:00", "text": [{"type": "bold"}]}
 ]
}"#;

    #[test]
    fn channel_export_with_entity_lists() {
        let r = read("result.json", EXPORT.as_bytes());
        assert_eq!(r.len(), 3, "service and photo-only messages yield nothing");
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.id, "tg-1234567890-2");
        assert_eq!(a.published.as_deref(), Some("2023-03-27T14:30:00Z"));
        assert_eq!(a.source.as_ref().unwrap().name.as_deref(), Some("Example Channel"));
        let b = r[1].as_ref().unwrap();
        assert_eq!(b.text, "Fighters struck a checkpoint near the city. https://example.org/x");
        assert_eq!(r[2].as_ref().unwrap_err().record, Some(5));
    }

    #[test]
    fn not_an_export_is_one_file_error() {
        let r = read("result.json", b"{\"name\": 1}");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].as_ref().unwrap_err().record, None);
    }
}
