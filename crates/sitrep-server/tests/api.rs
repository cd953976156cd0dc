//! The API against a real server on 127.0.0.1 (an ephemeral port), spoken to over plain TCP:
//! auth failures, malformed queries (400 with a message, never 500), limits, shutdown.

use sitrep_consolidate::Rules;
use sitrep_model::{
    AcledEventType, AcledSubEventType, ActorRef, Count, DocOutput, Document, Event, GeoPrecision, Location,
    Plover, PloverType, Source, Span,
};
use sitrep_store::{Item, Store, content_hash};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;

const TOKEN: &str = "s3cret-token";
const XSS: &str = "<script>alert('x')</script> Gunmen killed 3 <img src=x onerror=alert(1)> in Kabul.";

fn event(day: u32, admin1: &str, killed: u32) -> Event {
    Event {
        event_type: Some(AcledEventType::Battles),
        sub_event_type: Some(AcledSubEventType::ArmedClash),
        plover: Plover { kind: PloverType::Fight, mode: None },
        cameo: None,
        actor1: Some(ActorRef { name: "Taliban".into(), ..ActorRef::default() }),
        actor2: Some(ActorRef { name: "Islamic State Khorasan Province".into(), ..ActorRef::default() }),
        location: Some(Location {
            name: admin1.into(),
            text: None,
            admin1: Some(admin1.into()),
            admin2: None,
            country: Some("AF".into()),
            lat: Some(34.5),
            lon: Some(69.2),
            geonameid: None,
            precision: GeoPrecision::Province,
            approximate: false,
        }),
        date: chrono::NaiveDate::from_ymd_opt(2023, 3, day),
        date_end: None,
        date_precision: None,
        date_source: None,
        fatalities: Count::exact(killed),
        injured: Count::UNKNOWN,
        claimed_by: None,
        victims: vec![],
        background: false,
        trigger: None,
        evidence: vec![Span::new(0, 20)],
        confidence: 0.9,
    }
}

fn build_db(path: &Path) {
    let mut s = Store::open(path).unwrap();
    let docs: Vec<(Document, DocOutput)> = [(5, "Kabul", 3), (9, "Balkh", 4), (20, "Herat", 2)]
        .into_iter()
        .enumerate()
        .map(|(i, (day, admin1, killed))| {
            let mut d = Document::new(
                format!("doc-{i}"),
                format!("{XSS} ({i})"),
                chrono::NaiveDate::from_ymd_opt(2023, 3, 28),
            );
            d.source = Some(Source {
                name: Some("Wire".into()),
                affiliation: Some("independent".into()),
                ..Source::default()
            });
            let o = DocOutput {
                doc_id: d.id.clone(),
                events: vec![event(day, admin1, killed)],
                ..DocOutput::default()
            };
            (d, o)
        })
        .collect();
    let hashes: Vec<String> = docs.iter().map(|(d, _)| content_hash(&d.text)).collect();
    let items: Vec<Item> = docs
        .iter()
        .zip(&hashes)
        .map(|((d, o), h)| Item { doc: d, hash: h, output: o, origin: None })
        .collect();
    s.write_batch(&items).unwrap();
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
}

struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(token: Option<&str>) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        build_db(&db);
        let mut cfg = sitrep_server::Config::new(db, token.map(String::from));
        cfg.body_limit = 4096;
        let app = sitrep_server::router(&cfg).unwrap();
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt =
                tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let l = tokio::net::TcpListener::from_std(std_listener).unwrap();
                sitrep_server::serve(l, app, async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
            });
        });
        Server { addr, stop: Some(tx), thread: Some(thread), _dir: dir }
    }

    /// Sends one request; returns the status, the raw head and the body.
    fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            req.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        req.push_str(body);
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let raw = String::from_utf8_lossy(&raw).to_string();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, _, body) = self.call("GET", path, &[], "");
        (status, serde_json::from_str(&body).unwrap_or(serde_json::Value::Null))
    }

    fn post(&self, path: &str, token: Option<&str>, body: &str) -> (u16, String, serde_json::Value) {
        let auth = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
        let (status, head, body) = self.call("POST", path, &headers, body);
        (status, head, serde_json::from_str(&body).unwrap_or(serde_json::Value::Null))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[test]
fn reads_filter_and_describe_themselves() {
    let srv = Server::start(Some(TOKEN));
    let (st, v) = srv.get("/api/events");
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["count"], 3);
    let (_, v) = srv.get("/api/events?admin1=balkh");
    assert_eq!(v["count"], 1);
    assert_eq!(v["events"][0]["location"]["admin1"], "Balkh");
    let (_, v) = srv.get("/api/events?from=2023-03-08&to=2023-03-31&limit=1&offset=1");
    assert_eq!(v["count"], 1);
    assert_eq!(v["events"][0]["location"]["admin1"], "Herat");
    let (_, v) = srv.get("/api/counts?by=admin1");
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(3));
    let (st, v) = srv.get("/api/sources");
    assert_eq!((st, v["sources"][0]["documents"].as_i64()), (200, Some(3)));
    let (_, v) = srv.get("/api/documents?limit=2");
    assert_eq!(v["count"], 2);
    let (st, doc) = srv.get("/api/documents/doc-0");
    assert_eq!(st, 200);
    assert!(doc["text"].as_str().unwrap().starts_with("<script>"), "text is returned as data, verbatim");
    assert_eq!(doc["mentions"][0]["evidence"][0]["end"], 20);
    let id = v["documents"][0]["doc_id"].as_str().unwrap().to_string();
    assert!(id.starts_with("doc-"));
    let (_, ev) = srv.get("/api/events?admin1=Kabul");
    let eid = ev["events"][0]["id"].as_i64().unwrap();
    let (st, one) = srv.get(&format!("/api/events/{eid}"));
    assert_eq!(st, 200);
    assert_eq!(one["mentions"][0]["doc_id"], "doc-0");
    assert_eq!(one["mentions"][0]["affiliation"], "independent");
    let (st, api) = srv.get("/openapi.json");
    assert_eq!(st, 200);
    assert_eq!(api["openapi"], "3.1.0");
    assert!(api["paths"]["/api/events/{id}/review"]["post"]["security"].is_array());
    for p in ["/api/statements", "/api/tallies?from=2023-01-01"] {
        assert_eq!(srv.get(p).0, 200, "{p}");
    }
}

#[test]
fn keyset_pages_follow_next_cursor_to_the_end() {
    let srv = Server::start(Some(TOKEN));
    let ids = |v: &serde_json::Value| -> Vec<i64> {
        v["events"]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e["id"].as_i64()).collect())
            .unwrap_or_default()
    };
    // One filter per line; each is paged one event at a time, then two at a time.
    for filter in ["", "from=2023-03-08&", "country=af&to=2023-03-10&", "admin1=Herat&"] {
        let (st, all) = srv.get(&format!("/api/events?{filter}limit=1000"));
        assert_eq!(st, 200, "{all}");
        assert_eq!(all["next_cursor"], serde_json::Value::Null, "{filter}");
        let want = ids(&all);
        assert!(!want.is_empty(), "{filter}");
        for limit in [1, 2] {
            let (mut got, mut path, mut pages) =
                (Vec::new(), format!("/api/events?{filter}limit={limit}"), 0);
            loop {
                let (st, v) = srv.get(&path);
                assert_eq!(st, 200, "{path}: {v}");
                got.extend(ids(&v));
                pages += 1;
                assert!(pages <= want.len(), "{path}: pages never end");
                match v["next_cursor"].as_str() {
                    Some(c) => {
                        assert_eq!(v["count"], limit, "{path}: a page before the last is full");
                        path = format!("/api/events?{filter}limit={limit}&cursor={c}");
                        // The offset of the same page answers the same events.
                        let (_, by_offset) =
                            srv.get(&format!("/api/events?{filter}limit={limit}&offset={}", got.len()));
                        let (_, by_cursor) = srv.get(&path);
                        assert_eq!(ids(&by_offset), ids(&by_cursor), "{path}");
                        assert_eq!(by_cursor["cursor"], c);
                    }
                    None => break,
                }
            }
            assert_eq!(got, want, "{filter} limit {limit}");
        }
    }
    let (_, api) = srv.get("/openapi.json");
    let params = api["paths"]["/api/events"]["get"]["parameters"].as_array().cloned().unwrap_or_default();
    assert!(params.iter().any(|p| p["name"] == "cursor"), "cursor documented");
    let cases: &[(&str, &str)] = &[
        ("/api/events?cursor=2023-03-05_1&offset=1", "cursor and offset: give one of them"),
        ("/api/events?cursor=yesterday", "cursor=\"yesterday\": not a cursor"),
        ("/api/events?cursor=2023-03-05", "not a cursor"),
        ("/api/counts?cursor=2023-03-05_1", "counts cover every"),
    ];
    for (path, msg) in cases {
        let (st, v) = srv.get(path);
        assert_eq!(st, 400, "{path}: {v}");
        assert!(v["error"].as_str().unwrap_or_default().contains(msg), "{path}: {v}");
    }
}

#[test]
fn malformed_requests_are_400_with_a_message() {
    let srv = Server::start(Some(TOKEN));
    let cases: &[(&str, u16, &str)] = &[
        ("/api/events?from=2023-02-30", 400, "from=\"2023-02-30\": expected a date YYYY-MM-DD"),
        ("/api/events?from=yesterday", 400, "expected a date"),
        ("/api/events?limit=-1", 400, "limit=\"-1\""),
        ("/api/events?limit=100000", 400, "at most 1000"),
        ("/api/events?form=2023-01-01", 400, "unknown field `form`"),
        ("/api/events?include_rejected=perhaps", 400, "expected true or false"),
        ("/api/events?from=2023-03-10&to=2023-03-01", 400, "is after"),
        ("/api/events?from=%ZZ", 400, "expected a date"),
        ("/api/events/abc", 400, "expected a positive whole number"),
        ("/api/events/0", 400, "expected a positive whole number"),
        ("/api/events/999999", 404, "no event with id 999999"),
        ("/api/counts?by=year", 400, "by= year"),
        ("/api/counts?limit=3", 400, "counts cover every"),
        ("/api/statements?kind=shout", 400, "kind=\"shout\""),
        ("/api/tallies?kind=reject", 400, "tallies have no kind"),
        ("/api/documents?offset=x", 400, "offset=\"x\""),
        ("/api/documents/nope", 404, "no document with id"),
        ("/api/nowhere", 404, "no API endpoint /api/nowhere"),
    ];
    for (path, want, msg) in cases {
        let (st, v) = srv.get(path);
        assert_eq!(st, *want, "{path}: {v}");
        let err = v["error"].as_str().unwrap_or_default();
        assert!(err.contains(msg), "{path}: {err:?} lacks {msg:?}");
    }
}

#[test]
fn writes_need_the_token_and_leave_an_audit_trail() {
    let srv = Server::start(Some(TOKEN));
    let (_, ev) = srv.get("/api/events?admin1=Herat");
    let id = ev["events"][0]["id"].as_i64().unwrap();
    let path = format!("/api/events/{id}/review");
    let body = r#"{"action": "reject", "why": "duplicate of a wire story", "who": "tester"}"#;

    let (st, head, v) = srv.post(&path, None, body);
    assert_eq!(st, 401, "{v}");
    assert!(head.to_ascii_lowercase().contains("www-authenticate: bearer"), "{head}");
    let (st, _, _) = srv.post(&path, Some("wrong"), body);
    assert_eq!(st, 401);
    let (st, _, v) = srv.post(&path, Some(TOKEN), "{not json");
    assert_eq!(st, 400);
    assert!(v["error"].as_str().unwrap().starts_with("body:"), "{v}");
    let (st, _, v) = srv.post(&path, Some(TOKEN), r#"{"action": "delete", "why": "x"}"#);
    assert_eq!(st, 400, "{v}");
    let (st, _, v) = srv.post(&path, Some(TOKEN), r#"{"action": "reject", "why": " "}"#);
    assert_eq!(st, 400, "{v}");
    let (st, _, v) = srv.post(&path, Some(TOKEN), r#"{"action": "edit", "why": "x"}"#);
    assert_eq!((st, v["error"].as_str()), (400, Some("edit needs a patch object")));
    let (st, _, v) = srv.post("/api/events/424242/review", Some(TOKEN), body);
    assert_eq!(st, 404, "{v}");
    let big = format!(r#"{{"action": "reject", "why": "{}"}}"#, "x".repeat(10_000));
    let (st, _, _) = srv.post(&path, Some(TOKEN), &big);
    assert_eq!(st, 413);

    let (st, _, v) = srv.post(&path, Some(TOKEN), body);
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["event"]["review"], "rejected");
    assert_eq!(v["reviews"][0]["who"], "tester");
    assert_eq!(v["reviews"][0]["why"], "duplicate of a wire story");
    // A rejected event leaves the default list, and comes back on request.
    assert_eq!(srv.get("/api/events").1["count"], 2);
    assert_eq!(srv.get("/api/events?include_rejected=true").1["count"], 3);
    let (_, one) = srv.get(&format!("/api/events/{id}"));
    assert_eq!(one["reviews"].as_array().map(Vec::len), Some(1));
}

#[test]
fn without_a_token_writes_are_refused() {
    let srv = Server::start(None);
    let (st, _, v) =
        srv.post("/api/events/1/review", Some("anything"), r#"{"action": "accept", "why": "ok"}"#);
    assert_eq!(st, 403, "{v}");
    assert!(v["error"].as_str().unwrap().contains("writes are disabled"));
}

#[test]
fn the_dashboard_is_served_with_a_strict_policy() {
    let srv = Server::start(None);
    let (st, head, body) = srv.call("GET", "/", &[], "");
    assert_eq!(st, 200);
    let head = head.to_ascii_lowercase();
    assert!(head.contains("content-security-policy: default-src 'self'; script-src 'self'"), "{head}");
    assert!(head.contains("text/html"));
    assert!(body.contains("<html") || body.contains("<!doctype"), "{body}");
    let (st, head, _) = srv.call("GET", "/static/app.js", &[], "");
    assert_eq!(st, 200);
    assert!(head.to_ascii_lowercase().contains("text/javascript"));
    assert_eq!(srv.call("GET", "/static/../Cargo.toml", &[], "").0, 404);
}
