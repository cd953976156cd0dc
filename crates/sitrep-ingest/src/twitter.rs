//! X/Twitter API v2 responses: `{"data": [tweet…] | tweet, "includes": {"users": […]}, "meta": …}`,
//! one response per file or one per line (the shape of paginated dumps).

use crate::{ReadError, utf8};
use serde::Deserialize;
use sitrep_model::{Document, Source};
use std::collections::HashMap;

#[derive(Deserialize)]
struct NoteTweet {
    text: String,
}

#[derive(Deserialize)]
struct Tweet {
    id: String,
    text: String,
    #[serde(default)]
    author_id: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    conversation_id: Option<String>,
    /// Long posts: the full text is here, `text` is cut.
    #[serde(default)]
    note_tweet: Option<NoteTweet>,
}

#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

#[derive(Deserialize, Default)]
struct Includes {
    #[serde(default)]
    users: Vec<User>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Data {
    Many(Vec<serde_json::Value>),
    One(serde_json::Value),
}

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    data: Option<Data>,
    #[serde(default)]
    includes: Includes,
}

fn response(
    name: &str,
    r: Response,
    first_record: usize,
    out: &mut Vec<Result<Document, ReadError>>,
) -> usize {
    let users: HashMap<&str, &User> = r.includes.users.iter().map(|u| (u.id.as_str(), u)).collect();
    let tweets = match r.data {
        None => vec![],
        Some(Data::Many(v)) => v,
        Some(Data::One(v)) => vec![v],
    };
    let n = tweets.len();
    for (i, raw) in tweets.into_iter().enumerate() {
        let rec = Some(first_record + i);
        let t: Tweet = match serde_json::from_value(raw) {
            Ok(t) => t,
            Err(e) => {
                out.push(Err(ReadError::new(name, rec, format!("tweet: {e}"))));
                continue;
            }
        };
        let user = t.author_id.as_deref().and_then(|a| users.get(a));
        let mut doc = Document::new(format!("x-{}", t.id), t.note_tweet.map_or(t.text, |n| n.text), None);
        doc.published = t.created_at;
        if let Some(u) = user {
            doc.source =
                Some(Source { name: u.name.clone(), handle: u.username.clone(), ..Source::default() });
            doc.url = u.username.as_ref().map(|h| format!("https://x.com/{h}/status/{}", t.id));
        } else if let Some(a) = &t.author_id {
            doc.source = Some(Source { handle: Some(format!("id:{a}")), ..Source::default() });
        }
        if let Some(l) = t.lang {
            doc.extra.insert("lang".into(), l.into());
        }
        if let Some(c) = t.conversation_id {
            doc.extra.insert("conversation_id".into(), c.into());
        }
        out.push(doc.validate().map(|_| doc).map_err(|e| ReadError::new(name, rec, e.to_string())));
    }
    n
}

/// Records are numbered by tweet across the file; a response line that does not parse is
/// reported by its line number.
pub fn read(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let text = match utf8(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let mut out = Vec::new();
    if let Ok(r) = serde_json::from_str::<Response>(text) {
        response(name, r, 1, &mut out);
        return out;
    }
    let mut next = 1;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Response>(line) {
            Ok(r) => next += response(name, r, next, &mut out),
            Err(e) => out.push(Err(ReadError::new(name, Some(i + 1), format!("line {}: {e}", i + 1)))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SINGLE: &str = r#"{
  "data": [
    {"id": "1640000000000000001", "text": "Statement on the attack in Kabul today.", "author_id": "42",
     "created_at": "2023-03-27T14:05:11.000Z", "lang": "en", "edit_history_tweet_ids": ["1640000000000000001"]},
    {"id": "1640000000000000002", "text": "Cut short…", "author_id": "43", "created_at": "2023-03-27T15:00:00.000Z",
     "note_tweet": {"text": "The whole long post."}}
  ],
  "includes": {"users": [
    {"id": "42", "name": "Example Spokesman", "username": "example_spox"},
    {"id": "43", "name": "Example Police", "username": "example_police"}
  ]},
  "meta": {"result_count": 2, "newest_id": "1640000000000000002", "oldest_id": "1640000000000000001"}
}"#;

    #[test]
    fn single_response_with_users() {
        let r = read("tweets.json", SINGLE.as_bytes());
        let docs: Vec<_> = r.into_iter().map(Result::unwrap).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "x-1640000000000000001");
        assert_eq!(docs[0].source.as_ref().unwrap().handle.as_deref(), Some("example_spox"));
        assert_eq!(docs[0].source.as_ref().unwrap().name.as_deref(), Some("Example Spokesman"));
        assert_eq!(docs[0].url.as_deref(), Some("https://x.com/example_spox/status/1640000000000000001"));
        assert_eq!(docs[0].published_date().unwrap(), chrono::NaiveDate::from_ymd_opt(2023, 3, 27));
        assert_eq!(docs[1].text, "The whole long post.");
    }

    #[test]
    fn jsonl_of_responses_and_single_tweet_lookup() {
        let input = concat!(
            r#"{"data": [{"id": "1", "text": "a", "author_id": "9"}], "includes": {"users": [{"id": "9", "name": "N", "username": "h"}]}, "meta": {"result_count": 1}}"#,
            "\n",
            "{broken\n",
            r#"{"data": {"id": "2", "text": "b"}}"#,
            "\n",
            r#"{"meta": {"result_count": 0}}"#,
            "\n"
        );
        let r = read("dump.jsonl", input.as_bytes());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].as_ref().unwrap().source.as_ref().unwrap().handle.as_deref(), Some("h"));
        assert_eq!(r[1].as_ref().unwrap_err().record, Some(2));
        assert_eq!(r[2].as_ref().unwrap().id, "x-2");
    }

    #[test]
    fn tweet_without_text_is_a_record_error() {
        let r = read("t.json", br#"{"data": [{"id": "1"}, {"id": "2", "text": "ok"}]}"#);
        assert_eq!(r[0].as_ref().unwrap_err().record, Some(1));
        assert!(r[1].is_ok());
    }
}
