//! Query latency over a big store, for bench/run.sh.
//!
//!     sitrep-querylat synth DB --events N [--seed S]   # write N synthetic events into DB
//!     sitrep-querylat grow DB --events N    # copy the store's events until it holds N
//!     sitrep-querylat migrate DB            # bring DB's schema up to date, timed
//!     sitrep-querylat probe DB [--reps R] [--grid] [--check]  # p50/p99 of the common filters, one JSON line each
//!
//! `--check` first compares each grid case's count with `Store::count_plain` (no cubes, no
//! words) and stops at the first difference.
//!
//! `synth` writes consolidated events straight into the store (no extraction), with the lookup
//! rows of migration 4, in big transactions: the fast way to 10M events; it then fills the actor
//! and source words and the cubes (`sitrep_store::rebuild_query_tables_sql`). `grow` copies the events a
//! real ingest made, with shifted dates and new keys (it writes no lookup rows, so actor and
//! source filters find only the originals). `probe` times `Store::count` (what `sitrep
//! count` runs) and `Store::events_page` (what `sitrep events` and the server's page run).

use anyhow::{Context, Result, bail};
use sitrep_bench::quantile;
use sitrep_store::{CountBy, EventFilter, Store};
use std::time::{Duration, Instant};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("synth"), Some(db)) => {
            let n: u64 = flag("--events").context("--events N")?.parse()?;
            let seed: u64 = flag("--seed").map_or(Ok(1), |s| s.parse())?;
            synth(db, n, seed)
        }
        (Some("grow"), Some(db)) => {
            let n: i64 = flag("--events").context("--events N")?.parse()?;
            grow(db, n)
        }
        (Some("migrate"), Some(db)) => {
            let c = rusqlite::Connection::open(db).with_context(|| format!("opening {db}"))?;
            let before: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
            drop(c);
            let t = Instant::now();
            let store = Store::open(std::path::Path::new(db)).with_context(|| format!("opening {db}"))?;
            eprintln!(
                "migrate: schema {before} -> {} in {:.1} s",
                store.schema_version()?,
                t.elapsed().as_secs_f64()
            );
            Ok(())
        }
        (Some("probe"), Some(db)) => {
            let reps: usize = flag("--reps").map_or(Ok(30), |r| r.parse())?;
            probe(db, reps, args.iter().any(|a| a == "--grid"), args.iter().any(|a| a == "--check"))
        }
        _ => bail!(
            "usage: sitrep-querylat synth DB --events N [--seed S] | grow DB --events N | migrate DB | \
             probe DB [--reps R] [--grid] [--check]"
        ),
    }
}

fn synth(db: &str, n: u64, seed: u64) -> Result<()> {
    drop(Store::open(std::path::Path::new(db)).with_context(|| format!("opening {db}"))?);
    let mut c = rusqlite::Connection::open(db)?;
    let step = (n / 20).max(1);
    let mut next = step;
    let st = sitrep_bench::synth::load(&mut c, n, seed, 100_000, |done, t| {
        if done >= next || done == n {
            eprintln!("synth: {done} events, {:.0} s", t.as_secs_f64());
            next += step;
        }
    })?;
    eprintln!(
        "synth: {} events, {} actor rows, {} source rows; indexes rebuilt",
        st.events, st.actor_rows, st.source_rows
    );
    Ok(())
}

const COLS: &str = "json, event_type, sub_event_type, date, date_end, country, admin1, location, actor1, \
                    actor2, fatalities_low, fatalities_best, fatalities_high, n_mentions, n_sources, \
                    confidence, updated_at, plover, span";

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
                    fatalities_high, n_mentions, n_sources, confidence, updated_at, plover, span
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
    by: CountBy,
    filter: EventFilter,
}

fn cases() -> Vec<Case> {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let f = EventFilter::default;
    let c = |name, by, filter| Case { name, by, filter };
    vec![
        c(
            "country+month, by day",
            CountBy::Day,
            EventFilter { country: Some("PK".into()), from: day("2023-05-01"), to: day("2023-05-31"), ..f() },
        ),
        c(
            "country+year, by month",
            CountBy::Month,
            EventFilter { country: Some("AF".into()), from: day("2023-01-01"), to: day("2023-12-31"), ..f() },
        ),
        c(
            "admin1+year, by week",
            CountBy::Week,
            EventFilter {
                country: Some("AF".into()),
                admin1: Some("Kabul".into()),
                from: day("2023-01-01"),
                to: day("2023-12-31"),
                ..f()
            },
        ),
        c(
            "type+month, by admin1",
            CountBy::Admin1,
            EventFilter {
                event_type: Some("Battles".into()),
                from: day("2023-05-01"),
                to: day("2023-05-31"),
                ..f()
            },
        ),
        c(
            "actor+year, by type",
            CountBy::Type,
            EventFilter {
                actor: Some("Taliban".into()),
                from: day("2023-01-01"),
                to: day("2023-12-31"),
                ..f()
            },
        ),
        c(
            "actor (rare), by month",
            CountBy::Month,
            EventFilter { actor: Some("Armed group 2500".into()), ..f() },
        ),
        c(
            "affiliation+month, by source",
            CountBy::Source,
            EventFilter {
                affiliation: Some("Taliban".into()),
                from: day("2023-05-01"),
                to: day("2023-05-31"),
                ..f()
            },
        ),
        c("country (all years), by month", CountBy::Month, EventFilter { country: Some("SY".into()), ..f() }),
        c("everything, by month", CountBy::Month, f()),
    ]
}

/// The grid: no filter and each common filter, over all years, over one year (whole
/// months, which the monthly cubes answer) and over one 30-day window, by each grouping.
fn grid() -> Vec<(String, CountBy, EventFilter)> {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let f = EventFilter::default;
    let filters: Vec<(&str, EventFilter)> = vec![
        ("no filter", f()),
        ("country AF", EventFilter { country: Some("AF".into()), ..f() }),
        ("admin1 AF/Kabul", EventFilter { country: Some("AF".into()), admin1: Some("Kabul".into()), ..f() }),
        ("type Battles", EventFilter { event_type: Some("Battles".into()), ..f() }),
        ("actor Taliban", EventFilter { actor: Some("Taliban".into()), ..f() }),
        ("source Source 001", EventFilter { source: Some("Source 001".into()), ..f() }),
    ];
    let windows = [
        ("all years", None, None),
        ("2023", day("2023-01-01"), day("2023-12-31")),
        ("30 days", day("2023-05-10"), day("2023-06-08")),
    ];
    let bys = [
        ("day", CountBy::Day),
        ("week", CountBy::Week),
        ("month", CountBy::Month),
        ("admin1", CountBy::Admin1),
        ("actor", CountBy::Actor),
        ("type", CountBy::Type),
    ];
    let mut out = Vec::new();
    for (fname, filter) in &filters {
        for (wname, from, to) in &windows {
            for (bname, by) in bys {
                let name = format!("{fname}, {wname}, by {bname}");
                out.push((name, by, EventFilter { from: *from, to: *to, ..filter.clone() }));
            }
        }
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn probe(db: &str, reps: usize, with_grid: bool, check: bool) -> Result<()> {
    let store = Store::open(std::path::Path::new(db)).with_context(|| format!("opening {db}"))?;
    let total: i64 = store.connection().query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    for case in cases() {
        let mut count_t = Vec::with_capacity(reps);
        let mut page_t = Vec::with_capacity(reps);
        let mut matched = 0;
        let t0 = Instant::now();
        // Broad filters take seconds each: stop repeating after 60 s, and say how many ran.
        for _ in 0..reps {
            let t = Instant::now();
            let rows = store.count(case.by, &case.filter)?;
            count_t.push(t.elapsed());
            matched = rows.iter().map(|r| r.events).sum::<u64>();
            let t = Instant::now();
            std::hint::black_box(store.events_page(&case.filter, 0, 50)?);
            page_t.push(t.elapsed());
            if t0.elapsed() > Duration::from_secs(60) {
                break;
            }
        }
        println!(
            "{}",
            serde_json::json!({
                "filter": case.name, "events": total, "matched": matched, "runs": count_t.len(),
                "count_p50_ms": ms(quantile(&mut count_t, 0.5)), "count_p99_ms": ms(quantile(&mut count_t, 0.99)),
                "page50_p50_ms": ms(quantile(&mut page_t, 0.5)), "page50_p99_ms": ms(quantile(&mut page_t, 0.99)),
            })
        );
    }
    if !with_grid {
        return Ok(());
    }
    for (name, by, filter) in grid() {
        if check {
            let t = Instant::now();
            let plain = store.count_plain(by, &filter)?;
            if store.count(by, &filter)? != plain {
                bail!("{name}: Store::count differs from Store::count_plain");
            }
            eprintln!("check {name}: equal ({} groups, plain {:.0} ms)", plain.len(), ms(t.elapsed()));
        }
        let mut count_t = Vec::with_capacity(reps);
        let mut matched = 0;
        let t0 = Instant::now();
        for _ in 0..reps {
            let t = Instant::now();
            let rows = store.count(by, &filter)?;
            count_t.push(t.elapsed());
            matched = rows.iter().map(|r| r.events).sum::<u64>();
            // The grid has 108 cases: a slow one is shown slow after 10 s.
            if t0.elapsed() > Duration::from_secs(10) {
                break;
            }
        }
        println!(
            "{}",
            serde_json::json!({
                "grid": name, "events": total, "matched": matched, "runs": count_t.len(),
                "count_p50_ms": ms(quantile(&mut count_t, 0.5)), "count_p99_ms": ms(quantile(&mut count_t, 0.99)),
            })
        );
    }
    Ok(())
}
