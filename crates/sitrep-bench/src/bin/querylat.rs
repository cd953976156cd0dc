//! Query latency over a big store, for bench/run.sh.
//!
//!     sitrep-querylat grow DB --events N    # copy the store's events until it holds N
//!     sitrep-querylat probe DB [--reps R]   # p50/p99 of the common filters, one JSON line each
//!
//! `grow` copies the events a real ingest made, with shifted dates and new keys, so the table
//! and its indexes have the size and the value spread of a large store without ingesting
//! millions of documents. `probe` times two paths per filter: `Store::count` (what `sitrep
//! count` runs) and a plain SQL aggregate on the indexed columns.

use anyhow::{Context, Result, bail};
use sitrep_bench::quantile;
use sitrep_store::{CountBy, EventFilter, Store};
use std::time::{Duration, Instant};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("grow"), Some(db)) => {
            let n: i64 = flag("--events").context("--events N")?.parse()?;
            grow(db, n)
        }
        (Some("probe"), Some(db)) => {
            let reps: usize = flag("--reps").map_or(Ok(30), |r| r.parse())?;
            probe(db, reps)
        }
        _ => bail!("usage: sitrep-querylat grow DB --events N | probe DB [--reps R]"),
    }
}

const COLS: &str = "json, event_type, sub_event_type, date, date_end, country, admin1, location, actor1, \
                    actor2, fatalities_low, fatalities_best, fatalities_high, n_mentions, n_sources, \
                    confidence, updated_at";

fn grow(db: &str, target: i64) -> Result<()> {
    let c = rusqlite::Connection::open(db).with_context(|| format!("opening {db}"))?;
    c.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")?;
    let base: i64 = c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    if base == 0 {
        bail!("{db} has no events: ingest something first");
    }
    let mut have = base;
    let mut round = 1i64;
    while have < target {
        let take = (target - have).min(have);
        // Each round shifts dates by a different number of days over ten years, so date filters
        // select realistic fractions instead of all copies of one day.
        let sql = format!(
            "INSERT INTO events (key, {COLS})
             SELECT key || '~{round}', json, event_type, sub_event_type,
                    date(date, '-' || ((id * 7 + {round} * 131) % 3650) || ' days'),
                    date(date_end, '-' || ((id * 7 + {round} * 131) % 3650) || ' days'),
                    country, admin1, location, actor1, actor2, fatalities_low, fatalities_best,
                    fatalities_high, n_mentions, n_sources, confidence, updated_at
             FROM events ORDER BY id LIMIT {take}"
        );
        c.execute_batch(&format!("BEGIN; {sql}; COMMIT;"))?;
        have += take;
        round += 1;
        eprintln!("grow: {have} events");
    }
    c.execute_batch("ANALYZE;")?;
    Ok(())
}

struct Case {
    name: &'static str,
    filter: EventFilter,
    sql: &'static str,
    params: Vec<String>,
}

fn cases() -> Vec<Case> {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let f = EventFilter::default;
    vec![
        Case {
            name: "country",
            filter: EventFilter { country: Some("AF".into()), ..f() },
            sql: "SELECT count(*), sum(fatalities_best) FROM events WHERE country = ?1",
            params: vec!["AF".into()],
        },
        Case {
            name: "country+month",
            filter: EventFilter {
                country: Some("PK".into()),
                from: day("2023-05-01"),
                to: day("2023-05-31"),
                ..f()
            },
            sql: "SELECT count(*), sum(fatalities_best) FROM events
                  WHERE country = ?1 AND date >= ?2 AND date <= ?3",
            params: vec!["PK".into(), "2023-05-01".into(), "2023-05-31".into()],
        },
        Case {
            name: "admin1+year",
            filter: EventFilter {
                country: Some("AF".into()),
                admin1: Some("Kabul".into()),
                from: day("2023-01-01"),
                to: day("2023-12-31"),
                ..f()
            },
            sql: "SELECT count(*), sum(fatalities_best) FROM events
                  WHERE country = ?1 AND admin1 = ?2 AND date >= ?3 AND date <= ?4",
            params: vec!["AF".into(), "Kabul".into(), "2023-01-01".into(), "2023-12-31".into()],
        },
        Case {
            name: "type+month",
            filter: EventFilter {
                event_type: Some("Battles".into()),
                from: day("2023-05-01"),
                to: day("2023-05-31"),
                ..f()
            },
            sql: "SELECT count(*), sum(fatalities_best) FROM events
                  WHERE event_type = ?1 AND date >= ?2 AND date <= ?3",
            params: vec!["Battles".into(), "2023-05-01".into(), "2023-05-31".into()],
        },
        Case {
            name: "actor1",
            filter: EventFilter { actor: Some("Islamic State".into()), ..f() },
            sql: "SELECT count(*), sum(fatalities_best) FROM events WHERE actor1 = ?1 COLLATE NOCASE",
            params: vec!["Islamic State".into()],
        },
    ]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn probe(db: &str, reps: usize) -> Result<()> {
    let store = Store::open(std::path::Path::new(db)).with_context(|| format!("opening {db}"))?;
    let c = rusqlite::Connection::open(db)?;
    let total: i64 = c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    for case in cases() {
        let mut sql_t = Vec::with_capacity(reps);
        let mut matched = 0i64;
        let mut st = c.prepare(case.sql)?;
        for _ in 0..reps {
            let t = Instant::now();
            matched = st.query_row(rusqlite::params_from_iter(case.params.iter()), |r| r.get(0))?;
            sql_t.push(t.elapsed());
        }
        // `Store::count` decodes every matching event's JSON: a few runs say enough, and at
        // 10M events one run can take minutes.
        let lib_reps = if matched > 200_000 { 1 } else { reps.min(5) };
        let mut lib_t = Vec::with_capacity(lib_reps);
        for _ in 0..lib_reps {
            let t = Instant::now();
            std::hint::black_box(store.count(CountBy::Month, &case.filter)?);
            lib_t.push(t.elapsed());
        }
        println!(
            "{}",
            serde_json::json!({
                "filter": case.name, "events": total, "matched": matched,
                "sql_p50_ms": ms(quantile(&mut sql_t, 0.5)), "sql_p99_ms": ms(quantile(&mut sql_t, 0.99)),
                "count_p50_ms": ms(quantile(&mut lib_t, 0.5)), "count_max_ms": ms(quantile(&mut lib_t, 1.0)),
                "count_runs": lib_reps,
            })
        );
    }
    Ok(())
}
