//! RSS 0.9x/1.0/2.0 and Atom files, through `feed-rs`. One document per item: the title, then the
//! item's content (or summary) as text.

use crate::{ReadError, html::main_text, stem};
use sitrep_model::{Document, Source};

pub fn read(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    // Ids come from the item's own id, else its link: deterministic, so re-reading the same feed
    // gives the same ids (feed-rs's default falls back to a random UUID).
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|links, _title, _uri| links.first().map(|l| l.href.clone()).unwrap_or_default())
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => return vec![Err(ReadError::new(name, None, format!("not an RSS/Atom feed: {e}")))],
    };
    let feed_title = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let feed_link = feed.links.iter().find(|l| l.rel.as_deref() != Some("self")).map(|l| l.href.clone());
    let mut out = Vec::new();
    for (i, e) in feed.entries.into_iter().enumerate() {
        let rec = Some(i + 1);
        let title = e.title.as_ref().map(|t| main_text(&t.content)).filter(|t| !t.is_empty());
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .or(e.summary.as_ref().map(|s| s.content.as_str()))
            .map(main_text)
            .unwrap_or_default();
        let text = match &title {
            Some(t) if !body.starts_with(t.as_str()) && !body.is_empty() => format!("{t}\n\n{body}"),
            Some(t) if body.is_empty() => t.clone(),
            _ => body,
        };
        if text.is_empty() {
            out.push(Err(ReadError::new(name, rec, "item has neither title nor text")));
            continue;
        }
        let link = e.links.first().map(|l| l.href.clone());
        let id = if e.id.is_empty() { format!("{}#{}", stem(name), i + 1) } else { e.id.clone() };
        let mut doc = Document::new(id, text, None);
        doc.title = title;
        doc.url = link;
        doc.published =
            e.published.or(e.updated).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        doc.source =
            Some(Source { name: feed_title.clone(), handle: feed_link.clone(), ..Source::default() });
        out.push(Ok(doc));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example.org/</link>
  <description>Example feed</description>
  <item>
    <title>Six killed in blast</title>
    <link>https://wire.example.org/a/1</link>
    <guid isPermaLink="false">wire-0001</guid>
    <pubDate>Tue, 28 Mar 2023 06:10:00 +0000</pubDate>
    <description><![CDATA[<p>A blast killed <b>six</b> people on Monday.</p>]]></description>
  </item>
  <item>
    <title>Only a headline</title>
    <link>https://wire.example.org/a/2</link>
  </item>
  <item>
    <description></description>
  </item>
</channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <link href="https://atom.example.org/"/>
  <id>urn:example:feed</id>
  <updated>2023-03-28T07:00:00Z</updated>
  <entry>
    <title>Clashes reported</title>
    <link href="https://atom.example.org/e/1"/>
    <id>urn:example:e1</id>
    <updated>2023-03-28T07:00:00Z</updated>
    <content type="html">&lt;p&gt;Clashes were reported near the border.&lt;/p&gt;</content>
  </entry>
</feed>"#;

    #[test]
    fn rss_items() {
        let r = read("wire.xml", RSS.as_bytes());
        assert_eq!(r.len(), 3);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.id, "wire-0001");
        assert_eq!(a.text, "Six killed in blast\n\nA blast killed six people on Monday.");
        assert_eq!(a.published_date().unwrap(), chrono::NaiveDate::from_ymd_opt(2023, 3, 28));
        assert_eq!(a.source.as_ref().unwrap().name.as_deref(), Some("Example Wire"));
        let b = r[1].as_ref().unwrap();
        assert_eq!((b.id.as_str(), b.text.as_str()), ("https://wire.example.org/a/2", "Only a headline"));
        assert_eq!(r[2].as_ref().unwrap_err().record, Some(3));
    }

    #[test]
    fn atom_entries() {
        let r = read("a.atom", ATOM.as_bytes());
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.id, "urn:example:e1");
        assert_eq!(d.text, "Clashes reported\n\nClashes were reported near the border.");
        assert_eq!(d.url.as_deref(), Some("https://atom.example.org/e/1"));
    }

    #[test]
    fn broken_xml_is_a_file_error() {
        let r = read("x.xml", b"<rss><channel><item>");
        assert!(r.iter().all(Result::is_err) || r.is_empty());
    }
}
