//! The report as a small document model, rendered to Markdown or HTML. Every piece of text
//! that came from data is escaped for the format it lands in.

/// A run of text inside a paragraph or list item.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// Words of a document, shown between quotation marks.
    Quote(String),
    /// A numbered citation of a document in the Sources list.
    Cite(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Para(Vec<Inline>),
    /// Header and rows.
    Table(Vec<String>, Vec<Vec<String>>),
    List(Vec<Vec<Inline>>),
    /// The numbered sources.
    Refs(Vec<Vec<Inline>>),
    /// The timeline chart; in Markdown an image link to this file when given.
    Chart(Option<String>),
}

/// Escapes what Markdown would read as markup; pulldown-cmark and friends render, not escape.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn md_inlines(xs: &[Inline]) -> String {
    let mut s = String::new();
    for x in xs {
        match x {
            Inline::Text(t) => s.push_str(&md_escape(t)),
            Inline::Strong(t) => {
                s.push_str("**");
                s.push_str(&md_escape(t));
                s.push_str("**");
            }
            Inline::Quote(t) => {
                s.push('“');
                s.push_str(&md_escape(t));
                s.push('”');
            }
            Inline::Cite(n) => s.push_str(&format!("\\[{n}\\]")),
        }
    }
    s
}

fn html_inlines(xs: &[Inline]) -> String {
    let mut s = String::new();
    for x in xs {
        match x {
            Inline::Text(t) => s.push_str(&html_escape(t)),
            Inline::Strong(t) => s.push_str(&format!("<strong>{}</strong>", html_escape(t))),
            Inline::Quote(t) => s.push_str(&format!("<q>{}</q>", html_escape(t))),
            Inline::Cite(n) => s.push_str(&format!("<a href=\"#src-{n}\">[{n}]</a>")),
        }
    }
    s
}

pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&md_escape(t));
                out.push('\n');
            }
            Block::Para(xs) => {
                out.push_str(&md_inlines(xs));
                out.push('\n');
            }
            Block::Table(head, rows) => {
                let line = |cells: &[String]| {
                    let cs: Vec<String> = cells.iter().map(|c| md_escape(c)).collect();
                    format!("| {} |\n", cs.join(" | "))
                };
                out.push_str(&line(head));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&line(r));
                }
            }
            Block::List(items) => {
                for (i, it) in items.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", i + 1, md_inlines(it)));
                }
            }
            Block::Refs(items) => {
                for it in items {
                    out.push_str(&format!("- {}\n", md_inlines(it)));
                }
            }
            Block::Chart(href) => match href {
                Some(h) => out.push_str(&format!("![Timeline]({h})\n")),
                None => continue,
            },
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;\
color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem;\
text-align:left}td:nth-child(n+3){font-variant-numeric:tabular-nums}q{font-style:italic}svg{max-width:100%}";

pub fn html(blocks: &[Block], title: &str, svg: &str) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{CSS}</style></head><body>\n",
        html_escape(title)
    );
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", html_escape(t)));
            }
            Block::Para(xs) => out.push_str(&format!("<p>{}</p>\n", html_inlines(xs))),
            Block::Table(head, rows) => {
                out.push_str("<table><thead><tr>");
                for h in head {
                    out.push_str(&format!("<th>{}</th>", html_escape(h)));
                }
                out.push_str("</tr></thead><tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<td>{}</td>", html_escape(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table>\n");
            }
            Block::List(items) => {
                out.push_str("<ol>\n");
                for it in items {
                    out.push_str(&format!("<li>{}</li>\n", html_inlines(it)));
                }
                out.push_str("</ol>\n");
            }
            Block::Refs(items) => {
                out.push_str("<ul class=\"sources\">\n");
                for (i, it) in items.iter().enumerate() {
                    out.push_str(&format!("<li id=\"src-{}\">{}</li>\n", i + 1, html_inlines(it)));
                }
                out.push_str("</ul>\n");
            }
            // The SVG is built by `svg.rs`, which escapes every label it writes.
            Block::Chart(_) => {
                out.push_str(svg);
                out.push('\n');
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_from_data() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("a|b", "a\\|b"),
            ("*bold*", "\\*bold\\*"),
            ("[x](javascript:y)", "\\[x\\](javascript:y)"),
            ("<script>", "\\<script\\>"),
            ("two\nlines", "two lines"),
        ];
        for (input, want) in cases {
            assert_eq!(md_escape(input), *want, "{input:?}");
        }
    }

    #[test]
    fn html_escapes_everything_from_data() {
        let blocks = vec![
            Block::Heading(1, "<b>".into()),
            Block::Para(vec![Inline::Quote("<img src=x onerror=alert(1)>".into())]),
            Block::Table(vec!["h".into()], vec![vec!["<script>alert(1)</script>".into()]]),
        ];
        let h = html(&blocks, "t<", "");
        assert!(!h.contains("<img"));
        assert!(!h.contains("<script>"));
        assert!(!h.contains("<b>"));
        assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    proptest::proptest! {
        /// Whatever a document holds, it reaches HTML as text and Markdown without markup.
        #[test]
        fn data_never_becomes_markup(t in "\\PC{0,40}") {
            let h = html(&[Block::Para(vec![Inline::Quote(t.clone())]), Block::Table(vec![t.clone()], vec![])], &t, "");
            let body = h.split("<body>").nth(1).unwrap_or_default();
            let stripped = body.replace("<p>", "").replace("</p>", "").replace("<q>", "").replace("</q>", "")
                .replace("<table><thead><tr><th>", "").replace("</th></tr></thead><tbody>", "")
                .replace("</tbody></table>", "").replace("</body></html>", "");
            proptest::prop_assert!(!stripped.contains('<'), "{h}");
            let m = md_escape(&t);
            let mut prev = ' ';
            for c in m.chars() {
                if "*_[]<>|`#~".contains(c) {
                    proptest::prop_assert_eq!(prev, '\\', "{}", m);
                }
                prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            }
        }
    }

    #[test]
    fn citations_link_to_sources() {
        let blocks = vec![
            Block::Para(vec![Inline::Cite(2)]),
            Block::Refs(vec![vec![Inline::Text("a".into())], vec![Inline::Text("b".into())]]),
        ];
        let h = html(&blocks, "t", "");
        assert!(h.contains("href=\"#src-2\""));
        assert!(h.contains("id=\"src-2\""));
        assert_eq!(markdown(&blocks), "\\[2\\]\n\n- a\n- b\n");
    }
}
