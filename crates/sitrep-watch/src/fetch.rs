//! Conditional HTTP GETs of feeds (ureq over rustls: blocking, small, no OpenSSL).

use crate::Error;
use std::time::Duration;

/// What a server said identifies its last answer; sent back so it can say "not modified".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header, verbatim (quotes and `W/` kept: If-None-Match wants it so).
    pub etag: Option<String>,
    /// The `Last-Modified` header, verbatim.
    pub last_modified: Option<String>,
}

impl Validators {
    /// The request headers that make a GET conditional on these validators.
    pub fn request_headers(&self) -> Vec<(&'static str, &str)> {
        let mut h = Vec::new();
        if let Some(e) = self.etag.as_deref() {
            h.push(("If-None-Match", e));
        }
        if let Some(m) = self.last_modified.as_deref() {
            h.push(("If-Modified-Since", m));
        }
        h
    }
}

/// A feed poll that got an answer the caller can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: nothing new since the validators sent.
    NotModified,
    /// 2xx: the feed, and the validators to send next time (None where the server sent none).
    Body { bytes: Vec<u8>, validators: Validators },
}

/// What a status code means for a poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    NotModified,
    Body,
    Failed,
}

fn outcome(status: u16) -> Outcome {
    match status {
        304 => Outcome::NotModified,
        200..=299 => Outcome::Body,
        _ => Outcome::Failed,
    }
}

/// A `Retry-After` given in seconds (the HTTP-date form yields None: the back-off applies).
fn retry_after(v: &str) -> Option<Duration> {
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// One HTTP agent (its connections are pooled) for every feed.
pub struct Fetcher {
    agent: ureq::Agent,
    limit: u64,
}

impl Fetcher {
    /// `timeout` bounds a whole request (redirects included); a body longer than `limit` bytes
    /// is an error rather than a truncated feed.
    pub fn new(timeout: Duration, limit: u64) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("sitrep-watch/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Fetcher { agent, limit }
    }

    /// GETs `url`, conditional on `validators`.
    pub fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched, Error> {
        let fail = |e: ureq::Error| Error::Fetch { url: url.to_string(), reason: e.to_string() };
        let mut req = self.agent.get(url);
        for (name, value) in validators.request_headers() {
            req = req.header(name, value);
        }
        let mut resp = req.call().map_err(fail)?;
        let status = resp.status().as_u16();
        match outcome(status) {
            Outcome::NotModified => Ok(Fetched::NotModified),
            Outcome::Failed => {
                let retry_after = matches!(status, 429 | 503)
                    .then(|| resp.headers().get("retry-after").and_then(|v| v.to_str().ok()))
                    .flatten()
                    .and_then(retry_after);
                Err(Error::Status { url: url.to_string(), status, retry_after })
            }
            Outcome::Body => {
                let header =
                    |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
                let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
                let bytes = resp.body_mut().with_config().limit(self.limit).read_to_vec().map_err(fail)?;
                Ok(Fetched::Body { bytes, validators })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        // (status, outcome), one per line.
        let cases: &[(u16, Outcome)] = &[
            (200, Outcome::Body),
            (203, Outcome::Body),
            (304, Outcome::NotModified),
            (301, Outcome::Failed),
            (404, Outcome::Failed),
            (429, Outcome::Failed),
            (500, Outcome::Failed),
            (503, Outcome::Failed),
        ];
        for &(status, want) in cases {
            assert_eq!(outcome(status), want, "{status}");
        }
    }

    #[test]
    fn retry_after_seconds_only() {
        // (header, wait), one per line.
        let cases: &[(&str, Option<u64>)] = &[
            ("120", Some(120)),
            (" 0 ", Some(0)),
            ("Wed, 21 Oct 2015 07:28:00 GMT", None),
            ("-5", None),
            ("", None),
        ];
        for (h, want) in cases {
            assert_eq!(retry_after(h), want.map(Duration::from_secs), "{h:?}");
        }
    }

    #[test]
    fn conditional_headers() {
        assert!(Validators::default().request_headers().is_empty());
        let v = Validators { etag: Some("W/\"7\"".into()), last_modified: Some("Mon, 27 Mar 2023".into()) };
        assert_eq!(
            v.request_headers(),
            vec![("If-None-Match", "W/\"7\""), ("If-Modified-Since", "Mon, 27 Mar 2023")]
        );
        let only_date = Validators { etag: None, last_modified: Some("x".into()) };
        assert_eq!(only_date.request_headers(), vec![("If-Modified-Since", "x")]);
    }

    #[test]
    fn unreachable_host_is_an_error_naming_the_url() {
        // Port 9 on loopback (discard) is closed on a test machine: the connection is refused.
        let f = Fetcher::new(Duration::from_secs(5), 1 << 20);
        let err = f.fetch("http://127.0.0.1:9/feed.xml", &Validators::default()).unwrap_err();
        assert!(err.to_string().starts_with("http://127.0.0.1:9/feed.xml: "), "{err}");
    }
}
