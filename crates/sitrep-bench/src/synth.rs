//! Synthetic consolidated events written straight into a store, for query latency at 10M events.
//!
//! Extraction and consolidation are bypassed: each event is a `Summary` as consolidation would
//! write it (one to three sources, a date window, a place, actors, low/best/high), with the rows
//! of migration 4's lookup tables. Values are skewed the way a real dataset is (a few countries
//! and actors hold most events; most dates are days) so that filters select realistic fractions.
//! Member mentions and documents are not written: `explain` has nothing to show for these events,
//! and the stored JSON is slimmed ([`compact_json`]).

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::{Connection, params};
use sitrep_consolidate::{Estimate, SourceFigure, Summary};
use sitrep_gen::Rng;
use sitrep_model::{
    AcledSubEventType, ActorRef, Count, DatePrecision, Event, GeoPrecision, Location, Plover, PloverType,
};
use std::time::{Duration, Instant};

/// ISO codes of the countries events fall in; the first ones get most events (Zipf-like).
const COUNTRIES: &[&str] = &[
    "AF", "PK", "SY", "IQ", "NG", "ML", "SO", "UA", "YE", "BF", "CD", "SD", "MM", "IN", "ET", "CM", "MZ",
    "NE", "LY", "CO", "MX", "PH", "LB", "IL", "PS", "TR", "EG", "KE", "SS", "CF",
];
const ADMIN1_PER_COUNTRY: u64 = 20;
const ACTORS: u64 = 3000;
const SOURCES: u64 = 400;
/// 2015-01-01 plus up to ten years.
const DAYS: u64 = 3652;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub events: u64,
    pub actor_rows: u64,
    pub source_rows: u64,
}

/// An index in 0..n, skewed: rank r is drawn with weight ~ 1/(r+1).
fn zipf(r: &mut Rng, n: u64) -> u64 {
    // Inverse of the continuous 1/x law over [1, n+1): cheap and close enough for a load shape.
    let u = (r.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let x = ((n as f64 + 1.0).ln() * u).exp() - 1.0;
    (x as u64).min(n - 1)
}

/// The name of actor `i`: a few real-looking names at the head, so probes can ask for them.
pub fn actor_name(i: u64) -> String {
    match i {
        0 => "Islamic State".into(),
        1 => "Taliban".into(),
        _ => format!("Armed group {i:04}"),
    }
}

/// The admin1 of country `c`, region `i` ("AF-03"); region 0 of AF is "Kabul" for the probes.
pub fn admin1_name(c: &str, i: u64) -> String {
    if c == "AF" && i == 0 { "Kabul".into() } else { format!("{c}-{i:02}") }
}

fn source_name(i: u64) -> String {
    format!("Source {i:03}")
}

fn actor(i: u64) -> ActorRef {
    let name = actor_name(i);
    ActorRef { text: Some(format!("the {}", name.to_lowercase())), name, kind: None, country: None }
}

/// Event number `n` of corpus `seed`, with its source ids.
pub fn event(seed: u64, n: u64) -> (Summary, Vec<u64>) {
    let mut r = Rng::for_item(seed, n);
    let country = COUNTRIES[zipf(&mut r, COUNTRIES.len() as u64) as usize];
    let region = zipf(&mut r, ADMIN1_PER_COUNTRY);
    let sub = AcledSubEventType::ALL[zipf(&mut r, AcledSubEventType::ALL.len() as u64) as usize];
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let date = start.checked_add_days(Days::new(r.below(DAYS))).unwrap_or(start);
    let (precision, date_end) = match r.below(20) {
        0..=16 => (DatePrecision::Day, None),
        17 | 18 => (DatePrecision::Range, date.checked_add_days(Days::new(1 + r.below(6)))),
        _ => (DatePrecision::Month, None),
    };
    let fatalities = match r.below(10) {
        0..=3 => Count::UNKNOWN,
        4..=8 => Count::exact(r.below(8) as u32),
        _ => Count { min: Some(5 + r.below(50) as u32), max: None },
    };
    let a1 = zipf(&mut r, ACTORS);
    let a2 = (r.below(3) > 0).then(|| zipf(&mut r, ACTORS));
    let kind = if sub.event_type() == sitrep_model::AcledEventType::Battles {
        PloverType::Fight
    } else {
        PloverType::Assault
    };
    let place = format!("Town {}", r.below(500));
    let ev = Event {
        event_type: Some(sub.event_type()),
        sub_event_type: Some(sub),
        plover: Plover { kind, mode: None },
        cameo: sub.cameo_root(),
        actor1: Some(actor(a1)),
        actor2: a2.map(actor),
        location: Some(Location {
            text: Some(place.clone()),
            name: place,
            admin1: Some(admin1_name(country, region)),
            admin2: None,
            country: Some(country.into()),
            lat: Some(30.0 + r.below(1000) as f64 / 100.0),
            lon: Some(40.0 + r.below(3000) as f64 / 100.0),
            geonameid: None,
            precision: GeoPrecision::Town,
            approximate: false,
        }),
        date: Some(date),
        date_end,
        date_precision: Some(precision),
        date_source: None,
        fatalities,
        injured: Count::UNKNOWN,
        claimed_by: None,
        victims: vec![],
        background: false,
        trigger: None,
        evidence: vec![],
        confidence: 0.3 + r.below(70) as f32 / 100.0,
    };
    let n_src = 1 + zipf(&mut r, 3);
    let mut srcs: Vec<u64> = (0..n_src).map(|_| zipf(&mut r, SOURCES)).collect();
    srcs.sort_unstable();
    srcs.dedup();
    let key = format!("{:016x}#0", r.next_u64());
    let per_source = srcs
        .iter()
        .enumerate()
        .map(|(i, s)| SourceFigure {
            source: Some(source_name(*s)),
            doc_id: format!("syn-{n}-{i}"),
            mention: format!("{}#{i}", &key[..16]),
            fatalities,
            injured: Count::UNKNOWN,
        })
        .collect();
    let best = fatalities.min.or(fatalities.max);
    let summary = Summary {
        key,
        estimate: Estimate { low: best, best, high: fatalities.max.or(best) },
        per_source,
        documents: (0..srcs.len()).map(|i| format!("syn-{n}-{i}")).collect(),
        sources: srcs.iter().map(|s| source_name(*s)).collect(),
        event: ev,
    };
    (summary, srcs)
}

/// The summary as stored JSON, slimmed so that 10M events fit a shared laptop disk: nulls left
/// out (serde reads a missing `Option` as None) and no per-source figures (an empty list).
/// About 700 bytes against ~1 KB in full and ~1.6 KB for real ingested events.
pub fn compact_json(s: &Summary) -> serde_json::Result<String> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                o.retain(|_, x| !x.is_null());
                o.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(Summary { per_source: Vec::new(), ..s.clone() })?;
    strip(&mut v);
    serde_json::to_string(&v)
}

/// Appends `n` synthetic events to the store at `conn` (schema already migrated), `batch` per
/// transaction; `progress` is called after each batch with the events written and time taken.
/// Secondary indexes are dropped first and rebuilt at the end: that is several times faster
/// than maintaining them row by row.
pub fn load(
    conn: &mut Connection,
    n: u64,
    seed: u64,
    batch: u64,
    mut progress: impl FnMut(u64, Duration),
) -> rusqlite::Result<Stats> {
    let t = Instant::now();
    // No journal while loading: each page is written once instead of to the WAL and then to the
    // database. A crash mid-load leaves a broken file; this is a benchmark fixture, rebuilt.
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;")?;
    let indexes: Vec<String> = {
        let mut st = conn.prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('events', 'event_actors', 'event_sources')",
        )?;
        st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let names: Vec<String> = {
        let mut st = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('events', 'event_actors', 'event_sources')",
        )?;
        st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    for name in &names {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    // No cube cell is updated per event: the rebuild at the end fills every cube in one pass.
    conn.execute_batch(sitrep_store::drop_query_triggers_sql())?;
    let tx = conn.transaction()?;
    let base_source: i64 = {
        let mut ins = tx.prepare(
            "INSERT INTO sources(name, handle, kind, affiliation) VALUES (?1, '', 'wire', ?2)
             ON CONFLICT(name, handle) DO UPDATE SET kind = kind RETURNING id",
        )?;
        let mut first = 0;
        for i in 0..SOURCES {
            let aff = if i % 10 == 0 { Some(actor_name(i / 10)) } else { None };
            let id: i64 = ins.query_row(params![source_name(i), aff], |r| r.get(0))?;
            if i == 0 {
                first = id;
            }
        }
        first
    };
    tx.commit()?;
    let mut stats = Stats { events: 0, actor_rows: 0, source_rows: 0 };
    let at = "2026-11-29T00:00:00Z";
    let mut done = 0;
    while done < n {
        let tx = conn.transaction()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO events(key, json, event_type, sub_event_type, date, date_end, country, admin1,
                   location, actor1, actor2, fatalities_low, fatalities_best, fatalities_high, n_mentions,
                   n_sources, confidence, updated_at, plover, span)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                         ?20)",
            )?;
            let mut ins_actor = tx.prepare_cached(
                "INSERT OR IGNORE INTO event_actors(name, role, event_id) VALUES (?1, ?2, ?3)",
            )?;
            let mut ins_source = tx
                .prepare_cached("INSERT OR IGNORE INTO event_sources(event_id, source_id) VALUES (?1, ?2)")?;
            for i in done..(done + batch).min(n) {
                let (s, srcs) = event(seed, i);
                let e = &s.event;
                let loc = e.location.as_ref();
                let end = match e.date_precision {
                    Some(DatePrecision::Month) => e.date.and_then(|d| {
                        d.with_day(1)
                            .and_then(|f| f.checked_add_months(Months::new(1)))
                            .and_then(|x| x.pred_opt())
                    }),
                    _ => e.date_end.or(e.date),
                };
                let json = serde_json::to_string(&s)
                    .map_err(|x| rusqlite::Error::ToSqlConversionFailure(x.into()))?;
                ins.execute(params![
                    s.key,
                    json,
                    e.event_type.map(|t| t.as_str()),
                    e.sub_event_type.map(|t| t.as_str()),
                    e.date.map(|d| d.to_string()),
                    end.map(|d| d.to_string()),
                    loc.and_then(|l| l.country.clone()),
                    loc.and_then(|l| l.admin1.clone()),
                    loc.map(|l| l.name.clone()),
                    e.actor1.as_ref().map(|a| &a.name),
                    e.actor2.as_ref().map(|a| &a.name),
                    s.estimate.low,
                    s.estimate.best,
                    s.estimate.high,
                    s.per_source.len() as i64,
                    s.sources.len() as i64,
                    f64::from(e.confidence),
                    at,
                    e.plover.kind.as_str(),
                    match (e.date, end) {
                        (Some(s), Some(x)) => Some((x - s).num_days()),
                        _ => None,
                    },
                ])?;
                let id = tx.last_insert_rowid();
                stats.events += 1;
                for a in [&e.actor1, &e.actor2].into_iter().flatten() {
                    for (name, role) in
                        [(&a.name, 0), (&a.name, 1)].into_iter().chain(a.text.as_ref().map(|t| (t, 0)))
                    {
                        stats.actor_rows += ins_actor.execute(params![name, role, id])? as u64;
                    }
                }
                for s in srcs {
                    stats.source_rows += ins_source.execute(params![id, base_source + s as i64])? as u64;
                }
            }
        }
        tx.commit()?;
        done = (done + batch).min(n);
        progress(done, t.elapsed());
    }
    for sql in &indexes {
        conn.execute_batch(sql)?;
    }
    // The actor and source words and the cubes (migration 9) from what was just written.
    conn.execute_batch(&format!("BEGIN; {} COMMIT;", sitrep_store::rebuild_query_tables_sql()))?;
    conn.execute_batch("ANALYZE; PRAGMA journal_mode = WAL;")?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_store::{CountBy, EventFilter, Store};

    #[test]
    fn events_repeat_from_their_seed_and_vary() {
        assert_eq!(event(7, 3).0, event(7, 3).0);
        assert_ne!(event(7, 3).0, event(7, 4).0);
        let countries: std::collections::HashSet<_> =
            (0..500).filter_map(|i| event(1, i).0.event.location.and_then(|l| l.country)).collect();
        assert!(countries.len() > 10, "{countries:?}");
    }

    #[test]
    fn compact_json_reads_back() {
        let (s, _) = event(3, 9);
        let json = compact_json(&s).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Summary { per_source: Vec::new(), ..s });
        assert!(json.len() < 800 && !json.contains("null"), "{json}");
    }

    #[test]
    fn loaded_store_answers_filters_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&path).unwrap());
        let mut c = Connection::open(&path).unwrap();
        let mut calls = 0;
        let st = load(&mut c, 2_000, 1, 700, |_, _| calls += 1).unwrap();
        assert_eq!((st.events, calls), (2_000, 3));
        drop(c);
        let s = Store::open(&path).unwrap();
        let all = s.count(CountBy::Month, &EventFilter::default()).unwrap();
        assert_eq!(all.iter().map(|r| r.events).sum::<u64>(), 2_000);
        let f = EventFilter { actor: Some("the islamic state".into()), ..EventFilter::default() };
        let by_actor = s.events(&f).unwrap().len();
        assert!(by_actor > 50, "{by_actor}");
        // The words and cubes the loader filled answer as the lookup tables do.
        for by in [CountBy::Month, CountBy::Admin1, CountBy::Day] {
            assert_eq!(s.count(by, &f).unwrap(), s.count_plain(by, &f).unwrap(), "{by:?}");
        }
        let f = EventFilter {
            country: Some("af".into()),
            admin1: Some("kabul".into()),
            ..EventFilter::default()
        };
        assert!(!s.events(&f).unwrap().is_empty());
        let by_source = s.count(CountBy::Source, &EventFilter::default()).unwrap();
        assert!(by_source.iter().map(|r| r.events).sum::<u64>() >= 2_000);
    }
}
