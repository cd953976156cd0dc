//! HTML pages: the main text (an `<article>` or `<main>` when the page has one, else `<body>`),
//! without navigation, scripts, styles, forms, headers, footers or comments; title, canonical
//! URL and publication time from the usual meta tags.

use crate::{ReadError, stem, tidy, utf8};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use sitrep_model::Document;

/// Elements whose whole subtree is page furniture, not article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "header", "aside", "form", "template", "svg", "iframe",
    "button", "select", "figure", "menu", "dialog", "head",
];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "br",
    "hr",
    "pre",
    "dd",
    "dt",
];

fn walk(node: NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            let name = e.name();
            if SKIP.contains(&name) || e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
                return;
            }
            if e.attr("role").is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo")) {
                return;
            }
            let block = BLOCK.contains(&name);
            if block {
                out.push_str("\n\n");
            }
            for c in node.children() {
                walk(c, out);
            }
            if block {
                out.push_str("\n\n");
            }
        }
        // Comments, doctype, processing instructions: never text.
        _ => {}
    }
}

fn select<'a>(html: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(css).ok()?;
    html.select(&sel).next()
}

fn meta(html: &Html, css: &str, attr: &str) -> Option<String> {
    select(html, css).and_then(|e| e.attr(attr)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The readable text of an HTML page (or fragment), paragraphs separated by blank lines.
pub fn main_text(html_text: &str) -> String {
    let html = Html::parse_document(html_text);
    let root = ["article", "main", "[role=main]", "body"].iter().find_map(|c| select(&html, c));
    let mut out = String::new();
    match root {
        Some(r) => walk(*r, &mut out),
        None => walk(html.tree.root(), &mut out),
    }
    tidy(&out)
}

pub fn read(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let text = match utf8(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let html = Html::parse_document(text);
    let body = main_text(text);
    if body.is_empty() {
        return vec![Err(ReadError::new(name, None, "no text in the page"))];
    }
    let title = meta(&html, "meta[property='og:title']", "content")
        .or_else(|| select(&html, "title").map(|t| tidy(&t.text().collect::<String>())))
        .filter(|t| !t.is_empty());
    let url = meta(&html, "link[rel=canonical]", "href")
        .or_else(|| meta(&html, "meta[property='og:url']", "content"));
    let published = meta(&html, "meta[property='article:published_time']", "content")
        .or_else(|| meta(&html, "meta[name=date]", "content"))
        .or_else(|| meta(&html, "time[datetime]", "datetime"));
    let mut doc = Document::new(url.clone().unwrap_or_else(|| stem(name)), body, None);
    doc.title = title;
    doc.url = url;
    doc.published = published;
    // A page date we cannot read is dropped with a note rather than failing the page.
    if doc.published_date().is_err()
        && let Some(p) = doc.published.take()
    {
        doc.extra.insert("unreadable_published".into(), p.into());
    }
    vec![Ok(doc)]
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Blast in a city | Example News</title>
<meta property="og:title" content="Blast in a city">
<meta property="article:published_time" content="2023-03-28T06:10:00+00:00">
<link rel="canonical" href="https://news.example.org/2023/03/blast">
<style>.x { color: red }</style>
<script>var tracking = "do not read me";</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<aside>Most read: something else</aside>
<article>
  <h1>Blast in a city</h1>
  <!-- an editor's comment that is not text -->
  <p>A blast killed six people on Monday,
     officials said.</p>
  <p>No group has <b>claimed</b> the attack.</p>
  <div class="share"><button>Share</button></div>
</article>
<footer>© Example News</footer>
</body></html>"#;

    #[test]
    fn main_text_drops_furniture() {
        let r = read("blast.html", PAGE.as_bytes());
        let d = r[0].as_ref().unwrap();
        assert_eq!(
            d.text,
            "Blast in a city\n\nA blast killed six people on Monday, officials said.\n\nNo group has claimed the attack."
        );
        assert_eq!(d.title.as_deref(), Some("Blast in a city"));
        assert_eq!(d.id, "https://news.example.org/2023/03/blast");
        assert_eq!(d.published_date().unwrap(), chrono::NaiveDate::from_ymd_opt(2023, 3, 28));
    }

    #[test]
    fn page_without_article_uses_body() {
        let r =
            read("p.html", b"<html><body><nav>Menu</nav><p>Only text.</p><script>x()</script></body></html>");
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.text, "Only text.");
        assert_eq!(d.id, "p");
        assert!(d.published.is_none());
    }

    #[test]
    fn empty_page_is_an_error() {
        assert!(read("e.html", b"<html><body><script>x</script></body></html>")[0].is_err());
    }
}
