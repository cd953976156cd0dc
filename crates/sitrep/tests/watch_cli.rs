//! `sitrep watch` end to end against a real HTTP server on loopback: a feed that changes between
//! polls, conditional requests answered 304, a 500 that backs off, watched directories, and a
//! clean stop on SIGTERM. The feed items are invented for these tests.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server saw it (header names lower-cased).
#[derive(Debug, Clone)]
struct Seen {
    at: Instant,
    path: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Feed {
    body: String,
    etag: String,
    last_modified: String,
    /// Statuses to answer with before serving the feed again, first first.
    fail: VecDeque<u16>,
    log: Vec<Seen>,
    /// What was answered to each request of `log`.
    answered: Vec<u16>,
}

type Shared = Arc<Mutex<Feed>>;

fn respond(stream: &mut TcpStream, feed: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or_default().to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let mut f = feed.lock().unwrap();
    let seen = Seen { at: Instant::now(), path, headers };
    let (status, extra, body) = if let Some(code) = f.fail.pop_front() {
        let extra = if code == 503 { "Retry-After: 7\r\n".to_string() } else { String::new() };
        (code, extra, "server trouble".to_string())
    } else if seen.header("if-none-match") == Some(f.etag.as_str()) {
        (304, format!("ETag: {}\r\n", f.etag), String::new())
    } else {
        (200, format!("ETag: {}\r\nLast-Modified: {}\r\n", f.etag, f.last_modified), f.body.clone())
    };
    f.log.push(seen);
    f.answered.push(status);
    drop(f);
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/rss+xml\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

/// Starts the server; it lives until the test process ends.
fn serve(feed: Shared) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let _ = respond(&mut stream, &feed);
        }
    });
    format!("http://{addr}/feed.xml")
}

fn item(n: u32, title: &str, text: &str, day: u32) -> String {
    format!(
        "<item><title>{title}</title><link>https://wire.test.example/a/{n}</link>\
         <guid isPermaLink=\"false\">test-wire-{n}</guid>\
         <pubDate>{day:02} Mar 2023 06:00:00 +0000</pubDate><description>{text}</description></item>"
    )
}

fn rss(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>Test Wire - World</title><link>https://wire.test.example/</link>\
         <description>Invented items for sitrep's tests</description>{}</channel></rss>",
        items.concat()
    )
}

fn items() -> [String; 3] {
    [
        item(
            1,
            "Two police officers killed in Kunduz",
            "Gunmen killed two police officers at a checkpoint in Kunduz city on Monday, the provincial police spokesman said.",
            27,
        ),
        item(
            2,
            "Roadside bomb in Lashkar Gah",
            "A roadside bomb wounded three civilians in Lashkar Gah on Tuesday, officials said.",
            28,
        ),
        item(
            3,
            "Clashes in Ghazni",
            "Security forces clashed with militants in Ghazni province on Wednesday and four militants were killed, the defence ministry said.",
            29,
        ),
    ]
}

fn sitrep(db: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    for v in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
        c.env_remove(v);
    }
    c.arg("--db").arg(db).args(args).output().unwrap()
}

fn counts(db: &Path) -> Vec<(&'static str, i64)> {
    sitrep_store::Store::open(db).unwrap().counts().unwrap().0
}

fn documents(db: &Path) -> i64 {
    counts(db).iter().find(|(t, _)| *t == "documents").map(|(_, n)| *n).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn sources_file(dir: &Path, feed: Option<&str>, dirs: &[&str]) -> String {
    let feeds = feed.map(|u| format!("feeds = [\"{u}\"]\n")).unwrap_or_default();
    let dirs = if dirs.is_empty() {
        String::new()
    } else {
        format!("dirs = [{}]\n", dirs.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(", "))
    };
    let p = dir.join("sources.toml");
    std::fs::write(
        &p,
        format!(
            "[[source]]\nname = \"Test Wire\"\n{feeds}{dirs}kind = \"wire\"\naffiliation = \"Test Wire Ltd\"\n"
        ),
    )
    .unwrap();
    p.to_string_lossy().to_string()
}

#[test]
fn a_changing_feed_is_ingested_once_with_conditional_requests_and_back_off() {
    let [a, b, c] = items();
    let feed: Shared = Arc::new(Mutex::new(Feed {
        body: rss(&[a.clone(), b.clone()]),
        etag: "\"v1\"".into(),
        last_modified: "Mon, 27 Mar 2023 06:00:00 GMT".into(),
        ..Feed::default()
    }));
    let url = serve(feed.clone());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let sources = sources_file(dir.path(), Some(&url), &[]);
    let once = ["watch", "--sources", sources.as_str(), "--once"];

    // Poll 1: a full answer, two new documents, the validators remembered.
    let o = sitrep(&db, &once);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(documents(&db), 2);
    let after_first = counts(&db);
    {
        let f = feed.lock().unwrap();
        assert_eq!((f.log.len(), f.answered[0]), (1, 200));
        assert_eq!(f.log[0].path, "/feed.xml");
        assert_eq!(f.log[0].header("if-none-match"), None);
        assert_eq!(f.log[0].header("if-modified-since"), None);
    }
    let source: String = sitrep_store::Store::open(&db)
        .unwrap()
        .connection()
        .query_row(
            "SELECT group_concat(DISTINCT s.affiliation) FROM documents d JOIN sources s ON s.id = d.source_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(source, "Test Wire Ltd", "documents of a watched feed belong to its source");

    // Poll 2: the same feed; the request is conditional and the 304 changes nothing.
    let o = sitrep(&db, &once);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(counts(&db), after_first);
    {
        let f = feed.lock().unwrap();
        assert_eq!((f.log.len(), f.answered[1]), (2, 304));
        assert_eq!(f.log[1].header("if-none-match"), Some("\"v1\""));
        assert_eq!(f.log[1].header("if-modified-since"), Some("Mon, 27 Mar 2023 06:00:00 GMT"));
    }

    // The feed changes, and the server fails once: the watcher backs off (2 × the interval),
    // then reads only the new item.
    {
        let mut f = feed.lock().unwrap();
        f.body = rss(&[a, b, c]);
        f.etag = "\"v2\"".into();
        f.last_modified = "Wed, 29 Mar 2023 06:00:00 GMT".into();
        f.fail.push_back(500);
    }
    let o = sitrep(&db, &["watch", "--sources", sources.as_str(), "--interval", "1s", "--max-polls", "2"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains(&format!("{url}: HTTP 500")), "the error names the URL and why: {err}");
    assert!(err.contains("next try in 2s"), "{err}");
    assert!(err.contains("3 document(s) read: 1 new, 2 duplicate"), "{err}");
    assert_eq!(documents(&db), 3);
    let after_change = counts(&db);
    {
        let f = feed.lock().unwrap();
        assert_eq!(f.answered[2..], [500, 200]);
        assert_eq!(f.log[2].header("if-none-match"), Some("\"v1\""));
        assert_eq!(
            f.log[3].header("if-none-match"),
            Some("\"v1\""),
            "a failed poll keeps the old validators"
        );
        let gap = f.log[3].at - f.log[2].at;
        assert!(gap >= Duration::from_millis(1800), "backed off only {gap:?}");
    }

    // Poll 5: the new validators are sent back; nothing changes.
    let o = sitrep(&db, &once);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(counts(&db), after_change);
    let f = feed.lock().unwrap();
    assert_eq!((f.log.len(), f.answered[4]), (5, 304));
    assert_eq!(f.log[4].header("if-none-match"), Some("\"v2\""));
}

#[test]
fn a_feed_failing_at_the_end_of_a_bounded_run_fails_it() {
    let feed: Shared = Arc::new(Mutex::new(Feed { fail: VecDeque::from([503]), ..Feed::default() }));
    let url = serve(feed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let sources = sources_file(dir.path(), Some(&url), &[]);
    let o = sitrep(&db, &["watch", "--sources", sources.as_str(), "--once"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains(&format!("{url}: HTTP 503 (retry after 7s)")), "{err}");
    assert!(err.contains("1 of 1 watched feed(s) and directory(ies) failed"), "{err}");
    assert!(!err.contains(&format!("{url}: {url}")), "the URL is said once: {err}");
}

#[test]
fn watched_directories_ingest_new_files_and_report_malformed_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let drop = dir.path().join("drop");
    std::fs::create_dir(&drop).unwrap();
    std::fs::write(
        drop.join("a.jsonl"),
        "{\"id\": \"d1\", \"text\": \"Gunmen attacked a bus in Herat on Monday, killing one passenger.\", \"published\": \"2023-03-27\"}\n\
         {\"id\": \"d2\", \"text\": \"A mortar shell hit a market in Ghazni on Tuesday; no one was hurt.\", \"published\": \"2023-03-28\"}\n",
    )
    .unwrap();
    // Relative to the directory of sources.toml, not to where sitrep runs.
    let sources = sources_file(dir.path(), None, &["drop"]);
    let once = ["watch", "--sources", sources.as_str(), "--once"];
    let o = sitrep(&db, &once);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(documents(&db), 2);

    std::fs::write(
        drop.join("b.jsonl"),
        "{\"id\": \"d3\", \"text\": \"Police defused a bomb near a school in Kandahar on Wednesday.\", \"published\": \"2023-03-29\"}\n\
         {\"id\": \"d4\"}\n",
    )
    .unwrap();
    let o = sitrep(&db, &once);
    let err = stderr(&o);
    assert!(!o.status.success(), "a malformed record fails the directory without --keep-going");
    assert!(err.contains("b.jsonl:2"), "{err}");
    assert_eq!(documents(&db), 2);

    let o = sitrep(&db, &["watch", "--sources", sources.as_str(), "--once", "--keep-going"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("b.jsonl:2"), "the skipped record is reported: {err}");
    assert!(err.contains("1 new, 2 duplicate, 1 skipped"), "{err}");
    assert_eq!(documents(&db), 3);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_cleanly_with_a_summary() {
    let [a, ..] = items();
    let feed: Shared = Arc::new(Mutex::new(Feed {
        body: rss(&[a]),
        etag: "\"s1\"".into(),
        last_modified: "Mon, 27 Mar 2023 06:00:00 GMT".into(),
        ..Feed::default()
    }));
    let url = serve(feed.clone());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let sources = sources_file(dir.path(), Some(&url), &[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .arg("--db")
        .arg(&db)
        .args(["watch", "--sources", sources.as_str(), "--interval", "1s"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it has polled twice: the loop is running.
    let deadline = Instant::now() + Duration::from_secs(60);
    while feed.lock().unwrap().log.len() < 2 {
        assert!(Instant::now() < deadline, "the watcher never polled twice");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the watcher did not stop on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("watch: stopped; "), "{err}");
    assert_eq!(documents(&db), 1);
}
