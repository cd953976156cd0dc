//! `sources.toml`: the user's list of sources, mapping handles, channel names and feed URLs to a
//! source's name, kind, affiliation and country (see `sources.example.toml`).

use crate::Error;
use serde::Deserialize;
use sitrep_model::{Document, Source};
use std::collections::HashMap;

/// One `[[source]]` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// The name the store and the exports show.
    pub name: String,
    /// X/Twitter handles (with or without `@`), Telegram channel names or ids, feed titles.
    #[serde(default)]
    pub handles: Vec<String>,
    /// Feed URLs (RSS/Atom) of this source; also what `sitrep watch` polls.
    #[serde(default)]
    pub feeds: Vec<String>,
    /// Directories of this source's exports that `sitrep watch` polls (a relative path is read
    /// from the directory holding `sources.toml`).
    #[serde(default)]
    pub dirs: Vec<std::path::PathBuf>,
    pub kind: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    source: Vec<SourceEntry>,
}

/// The parsed file, indexed by every name, handle and feed (case-insensitive).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: Vec<SourceEntry>,
    index: HashMap<String, usize>,
}

fn key(s: &str) -> String {
    s.trim().trim_start_matches('@').trim_end_matches('/').to_lowercase()
}

impl SourceMap {
    pub fn parse(text: &str) -> Result<SourceMap, Error> {
        let f: File = toml::from_str(text).map_err(|e| Error::Sources(e.to_string()))?;
        let mut index = HashMap::new();
        for (i, e) in f.source.iter().enumerate() {
            for k in std::iter::once(&e.name).chain(&e.handles).chain(&e.feeds) {
                if let Some(j) = index.insert(key(k), i)
                    && j != i
                {
                    return Err(Error::Sources(format!("{k:?} is listed under two sources")));
                }
            }
        }
        Ok(SourceMap { entries: f.source, index })
    }

    pub fn entries(&self) -> &[SourceEntry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for a document's source: by handle, then name, then the document's URL prefix.
    pub fn lookup(&self, d: &Document) -> Option<&SourceEntry> {
        let s = d.source.as_ref();
        let by = |k: Option<&String>| k.and_then(|k| self.index.get(&key(k)));
        let i =
            by(s.and_then(|s| s.handle.as_ref())).or_else(|| by(s.and_then(|s| s.name.as_ref()))).copied();
        let i = i.or_else(|| {
            let url = key(d.url.as_deref()?);
            self.entries.iter().position(|e| e.feeds.iter().any(|f| url.starts_with(&key(f))))
        });
        i.map(|i| &self.entries[i])
    }

    /// Fills a document's source from its entry: the entry's fields win, the handle is kept.
    pub fn attach(&self, d: &mut Document) {
        let Some(e) = self.lookup(d).cloned() else { return };
        let s = d.source.get_or_insert_with(Source::default);
        s.name = Some(e.name);
        for (slot, v) in
            [(&mut s.kind, e.kind), (&mut s.affiliation, e.affiliation), (&mut s.country, e.country)]
        {
            if v.is_some() {
                *slot = v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[source]]
name = "Example Spokesman"
handles = ["@example_spox"]
kind = "official"
affiliation = "Example Government"
country = "AF"

[[source]]
name = "Example Wire"
feeds = ["https://wire.example.org/"]
kind = "wire"
"#;

    fn doc(name: Option<&str>, handle: Option<&str>, url: Option<&str>) -> Document {
        let mut d = Document::new("a", "t", None);
        d.source =
            Some(Source { name: name.map(Into::into), handle: handle.map(Into::into), ..Source::default() });
        d.url = url.map(Into::into);
        d
    }

    #[test]
    fn attaches_by_handle_name_or_feed_url() {
        let m = SourceMap::parse(FILE).unwrap();
        let mut a = doc(Some("Display Name"), Some("Example_Spox"), None);
        m.attach(&mut a);
        let s = a.source.unwrap();
        assert_eq!(s.name.as_deref(), Some("Example Spokesman"));
        assert_eq!(s.handle.as_deref(), Some("Example_Spox"));
        assert_eq!(s.affiliation.as_deref(), Some("Example Government"));
        let mut b = doc(None, None, Some("https://wire.example.org/a/1"));
        m.attach(&mut b);
        assert_eq!(b.source.unwrap().kind.as_deref(), Some("wire"));
        let mut c = doc(Some("Unknown"), None, None);
        m.attach(&mut c);
        assert_eq!(c.source.unwrap().affiliation, None);
    }

    #[test]
    fn dirs_are_optional_and_kept_as_written() {
        let m = SourceMap::parse(FILE).unwrap();
        assert!(m.entries().iter().all(|e| e.dirs.is_empty()));
        let m = SourceMap::parse("[[source]]\nname = \"a\"\ndirs = [\"exports/a\", \"/srv/b\"]\n").unwrap();
        let want: Vec<std::path::PathBuf> = vec!["exports/a".into(), "/srv/b".into()];
        assert_eq!(m.entries()[0].dirs, want);
    }

    #[test]
    fn rejects_duplicates_and_unknown_keys() {
        assert!(
            SourceMap::parse(
                "[[source]]\nname = \"a\"\nhandles = [\"x\"]\n[[source]]\nname = \"b\"\nhandles = [\"X\"]\n"
            )
            .is_err()
        );
        assert!(SourceMap::parse("[[source]]\nname = \"a\"\naffilation = \"typo\"\n").is_err());
    }
}
