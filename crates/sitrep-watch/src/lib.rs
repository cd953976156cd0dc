//! sitrep's watcher: when to poll which feed or directory, and how to fetch a feed politely.
//!
//! - In: the feed URLs and directories `sources.toml` lists, a poll interval, and the validators
//!   (ETag, Last-Modified) remembered from each feed's last full answer.
//! - Out: the [`Target`]s to poll; a [`Schedule`] saying which is due and when, with exponential
//!   back-off after errors; a [`Fetcher`] answering "not modified" or a body with its new
//!   validators; the files of a directory that changed since the last look ([`DirState`]).
//! - Never: reads records, extracts or writes the store (the caller feeds what comes back to the
//!   same pipeline as `sitrep ingest`); never sleeps, prints or handles signals: the caller owns
//!   the loop, so the state machine is tested without a clock or a network.

mod dir;
mod fetch;
mod schedule;

pub use dir::{DirState, Stamp};
pub use fetch::{Fetched, Fetcher, Validators};
pub use schedule::{Schedule, backoff};

use sitrep_ingest::SourceEntry;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No answer: DNS, connection, TLS, timeout, a body that is not HTTP.
    #[error("{url}: {reason}")]
    Fetch { url: String, reason: String },
    /// An answer that is neither 2xx nor 304; `retry_after` is the server's own `Retry-After`
    /// (in seconds; the HTTP-date form is not read) on a 429 or 503.
    #[error("{url}: HTTP {status}{}", retry_after.map(|d| format!(" (retry after {}s)", d.as_secs())).unwrap_or_default())]
    Status { url: String, status: u16, retry_after: Option<Duration> },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("interval {0:?}: expected a positive number of seconds, minutes or hours (300s, 5m, 1h)")]
    Interval(String),
    #[error("feed {0:?}: only http:// and https:// URLs can be watched")]
    Scheme(String),
    #[error("directory {dir} is listed under two sources ({1:?} and {2:?})", dir = .0.display())]
    SharedDir(PathBuf, String, String),
}

/// One thing to poll, with the `sources.toml` entry it was listed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Feed { url: String, source: String },
    Dir { path: PathBuf, source: String },
}

impl Target {
    pub fn source(&self) -> &str {
        match self {
            Target::Feed { source, .. } | Target::Dir { source, .. } => source,
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Feed { url, .. } => f.write_str(url),
            Target::Dir { path, .. } => write!(f, "{}", path.display()),
        }
    }
}

/// Every feed and directory of the entries, in file order, each once. Relative directories are
/// taken from `base` (the directory holding `sources.toml`).
pub fn targets(entries: &[SourceEntry], base: &Path) -> Result<Vec<Target>, Error> {
    let mut out: Vec<Target> = Vec::new();
    for e in entries {
        for url in &e.feeds {
            let url = url.trim();
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(Error::Scheme(url.to_string()));
            }
            // The same URL twice under one entry is one feed (two entries cannot share it:
            // `SourceMap::parse` refuses that).
            if !out.iter().any(|t| matches!(t, Target::Feed { url: u, .. } if u == url)) {
                out.push(Target::Feed { url: url.to_string(), source: e.name.clone() });
            }
        }
        for d in &e.dirs {
            let path = base.join(d);
            match out.iter().find_map(|t| match t {
                Target::Dir { path: p, source } if *p == path => Some(source),
                _ => None,
            }) {
                Some(other) if *other != e.name => {
                    return Err(Error::SharedDir(path, other.clone(), e.name.clone()));
                }
                Some(_) => {}
                None => out.push(Target::Dir { path, source: e.name.clone() }),
            }
        }
    }
    Ok(out)
}

/// `300s`, `5m`, `1h` or a bare number of seconds.
pub fn parse_interval(s: &str) -> Result<Duration, Error> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().map_err(|_| Error::Interval(s.to_string()))?;
    let per = match unit.trim() {
        "" | "s" | "sec" | "secs" => 1,
        "m" | "min" | "mins" => 60,
        "h" | "hour" | "hours" => 3600,
        _ => return Err(Error::Interval(s.to_string())),
    };
    match n.checked_mul(per) {
        Some(secs) if secs > 0 => Ok(Duration::from_secs(secs)),
        _ => Err(Error::Interval(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn intervals() {
        // (text, seconds or None when refused), one per line.
        let cases: &[(&str, Option<u64>)] = &[
            ("300s", Some(300)),
            ("300", Some(300)),
            ("5m", Some(300)),
            ("1h", Some(3600)),
            (" 2 min ", Some(120)),
            ("1s", Some(1)),
            ("0s", None),
            ("", None),
            ("s", None),
            ("5d", None),
            ("-5s", None),
            ("1.5s", None),
            ("99999999999999999999h", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_interval(text).ok().map(|d| d.as_secs()), *want, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn interval_round_trips(n in 1u64..1_000_000, unit in prop::sample::select(vec![("s", 1u64), ("m", 60), ("h", 3600)])) {
            prop_assert_eq!(parse_interval(&format!("{n}{}", unit.0)).unwrap().as_secs(), n * unit.1);
        }

        #[test]
        fn interval_never_panics(s in "\\PC{0,12}") {
            let _ = parse_interval(&s);
        }
    }

    fn entry(name: &str, feeds: &[&str], dirs: &[&str]) -> SourceEntry {
        SourceEntry {
            name: name.into(),
            feeds: feeds.iter().map(|s| s.to_string()).collect(),
            dirs: dirs.iter().map(PathBuf::from).collect(),
            ..SourceEntry::default()
        }
    }

    #[test]
    fn targets_in_file_order_each_once() {
        let es = [
            entry("Wire", &["https://w.example.org/rss.xml", "https://w.example.org/rss.xml"], &["wire"]),
            entry("Channel", &[], &["/srv/tg", "wire/../wire2"]),
        ];
        let t = targets(&es, Path::new("/etc/sitrep")).unwrap();
        let want = vec![
            Target::Feed { url: "https://w.example.org/rss.xml".into(), source: "Wire".into() },
            Target::Dir { path: "/etc/sitrep/wire".into(), source: "Wire".into() },
            Target::Dir { path: "/srv/tg".into(), source: "Channel".into() },
            Target::Dir { path: "/etc/sitrep/wire/../wire2".into(), source: "Channel".into() },
        ];
        assert_eq!(t, want);
        assert_eq!(t[1].source(), "Wire");
        assert_eq!(t[0].to_string(), "https://w.example.org/rss.xml");
    }

    #[test]
    fn targets_refuse_other_schemes_and_shared_dirs() {
        let bad = [entry("a", &["file:///tmp/feed.xml"], &[])];
        assert!(matches!(targets(&bad, Path::new(".")), Err(Error::Scheme(_))));
        let shared = [entry("a", &[], &["x"]), entry("b", &[], &["x"])];
        assert!(matches!(targets(&shared, Path::new(".")), Err(Error::SharedDir(..))));
        assert!(targets(&[entry("a", &["HTTP://X.example/"], &[])], Path::new(".")).is_ok());
    }
}
