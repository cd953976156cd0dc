//! Pairwise precision and recall of merging on a hand-written set of reports
//! (`tests/fixtures/groups.tsv`): ≥ 30 events told by 2–4 sources, plus near misses.

use chrono::NaiveDate;
use sitrep_consolidate::{Consolidator, Mention, Rules};
use sitrep_model::{
    AcledSubEventType, ActorRef, Count, DatePrecision, Event, GeoPrecision, Location, Plover, PloverType,
};
use std::collections::HashMap;

fn opt(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

fn actor(s: &str) -> Option<ActorRef> {
    opt(s).map(|n| ActorRef { name: n.to_string(), ..ActorRef::default() })
}

/// (group, mention) for every line of the fixture.
fn load() -> Vec<(String, Mention)> {
    let text = include_str!("fixtures/groups.tsv");
    let mut out = Vec::new();
    let mut per_doc: HashMap<String, usize> = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 17, "bad line {line:?}");
        let sub: AcledSubEventType = f[3].parse().unwrap();
        let day = |s: &str| opt(s).map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
        let num = |s: &str| opt(s).map(|n| n.parse::<u32>().unwrap());
        let location = Location {
            name: f[7].into(),
            text: None,
            admin1: opt(f[9]).map(Into::into),
            admin2: opt(f[10]).map(Into::into),
            country: opt(f[11]).map(Into::into),
            lat: None,
            lon: None,
            geonameid: num(f[12]).map(u64::from),
            precision: f[8].parse::<GeoPrecision>().unwrap(),
            approximate: false,
        };
        let kind = if sub.event_type() == sitrep_model::AcledEventType::Battles {
            PloverType::Fight
        } else {
            PloverType::Assault
        };
        let event = Event {
            event_type: Some(sub.event_type()),
            sub_event_type: Some(sub),
            plover: Plover { kind, mode: None },
            cameo: None,
            actor1: actor(f[13]),
            actor2: actor(f[14]),
            location: Some(location),
            date: day(f[4]),
            date_end: day(f[6]),
            date_precision: Some(f[5].parse::<DatePrecision>().unwrap()),
            date_source: None,
            fatalities: Count { min: num(f[15]), max: num(f[16]) },
            injured: Count::UNKNOWN,
            claimed_by: None,
            victims: vec![],
            background: false,
            trigger: None,
            evidence: vec![],
            confidence: 0.6,
        };
        let n = per_doc.entry(f[1].to_string()).or_default();
        let key = format!("{}#{}", f[1], n);
        *n += 1;
        out.push((
            f[0].to_string(),
            Mention { key, doc_id: f[1].into(), source: Some(f[2].into()), published: day(f[4]), event },
        ));
    }
    out
}

/// Runs the consolidator in the given order; returns (precision, recall, clusters).
fn score(order: &[(String, Mention)]) -> (f64, f64, usize) {
    let mut c = Consolidator::new(Rules::embedded().unwrap());
    // Incremental: three batches, as documents arrive.
    let mut assigned = Vec::new();
    for chunk in order.chunks(order.len().div_ceil(3)) {
        let ids = c.add_batch(chunk.iter().map(|(_, m)| m.clone()).collect());
        assigned.extend(chunk.iter().map(|(g, _)| g.clone()).zip(ids));
    }
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for i in 0..assigned.len() {
        for j in i + 1..assigned.len() {
            let truth = assigned[i].0 == assigned[j].0;
            let pred = assigned[i].1 == assigned[j].1;
            match (truth, pred) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    eprintln!("false merge: {} / {}", order[i].1.key, order[j].1.key);
                }
                (true, false) => {
                    fn_ += 1;
                    eprintln!("missed merge: {} / {}", order[i].1.key, order[j].1.key);
                }
                _ => {}
            }
        }
    }
    eprintln!("pairs: {tp} merged rightly, {fp} wrongly, {fn_} missed");
    let p = f64::from(tp) / f64::from(tp + fp).max(1.0);
    let r = f64::from(tp) / f64::from(tp + fn_).max(1.0);
    (p, r, c.clusters().len())
}

#[test]
fn fixture_has_30_groups_of_2_to_4_and_near_misses() {
    let set = load();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for (g, _) in &set {
        *sizes.entry(g.as_str()).or_default() += 1;
    }
    let groups = sizes.iter().filter(|(g, n)| g.starts_with('g') && (2..=4).contains(*n)).count();
    assert!(groups >= 30, "{groups} groups");
    assert!(sizes.keys().filter(|g| g.starts_with("near-")).count() >= 10);
}

#[test]
fn pairwise_precision_and_recall_at_least_095_in_several_orders() {
    let set = load();
    let mut orders = vec![set.clone(), set.iter().rev().cloned().collect::<Vec<_>>()];
    // A fixed shuffle (interleave by stride), so the result does not hinge on input order.
    let stride: Vec<_> = (0..7).flat_map(|k| set.iter().skip(k).step_by(7).cloned()).collect();
    orders.push(stride);
    for (i, o) in orders.iter().enumerate() {
        let (p, r, n) = score(o);
        eprintln!("order {i}: precision {p:.3} recall {r:.3} clusters {n}");
        assert!(p >= 0.95 && r >= 0.95, "order {i}: precision {p:.3} recall {r:.3}");
    }
}

#[test]
fn five_thousand_events_told_twice_make_five_thousand_clusters() {
    let (_, template) = load().into_iter().next().unwrap();
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let mut batch = Vec::new();
    for i in 0..5000u32 {
        for source in 0..2 {
            let mut m = template.clone();
            m.key = format!("k{i:05}#{source}");
            m.doc_id = format!("doc{i}-{source}");
            m.source = Some(format!("s{source}"));
            let loc = m.event.location.as_mut().unwrap();
            // 50 towns in 5 countries, one event per town and day.
            loc.geonameid = Some(u64::from(i % 50));
            loc.name = format!("town{}", i % 50);
            loc.country = Some(format!("C{}", i % 5));
            m.event.date = start.checked_add_days(chrono::Days::new(u64::from(i / 50)));
            m.event.actor1 = None;
            batch.push(m);
        }
    }
    let t = std::time::Instant::now();
    let mut c = Consolidator::new(Rules::embedded().unwrap());
    c.add_batch(batch);
    assert_eq!(c.clusters().len(), 5000);
    assert!(c.clusters().iter().all(|k| k.mentions.len() == 2));
    eprintln!("10,000 mentions clustered in {:?}", t.elapsed());
}
