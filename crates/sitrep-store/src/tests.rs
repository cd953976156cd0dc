use super::*;
use chrono::NaiveDate;
use sitrep_model::{
    AcledSubEventType, ActorRef, Count, DatePrecision, GeoPrecision, Location, Plover, PloverType, Span,
};

fn kabul() -> Location {
    Location {
        name: "Kabul".into(),
        text: Some("Kabul".into()),
        admin1: Some("Kabul".into()),
        admin2: None,
        country: Some("AF".into()),
        lat: Some(34.5),
        lon: Some(69.2),
        geonameid: Some(1138958),
        precision: GeoPrecision::Town,
        approximate: false,
    }
}

fn event(day: u32, fatalities: u32, actor: &str) -> Event {
    let sub = AcledSubEventType::SuicideBomb;
    Event {
        event_type: Some(sub.event_type()),
        sub_event_type: Some(sub),
        plover: Plover { kind: PloverType::Assault, mode: None },
        cameo: None,
        actor1: Some(ActorRef { name: actor.into(), text: Some("Daesh".into()), ..ActorRef::default() }),
        actor2: None,
        location: Some(kabul()),
        date: NaiveDate::from_ymd_opt(2023, 3, day),
        date_end: None,
        date_precision: Some(DatePrecision::Day),
        date_source: None,
        fatalities: Count::exact(fatalities),
        injured: Count::UNKNOWN,
        claimed_by: None,
        victims: vec![],
        background: false,
        trigger: None,
        evidence: vec![Span::new(0, 4)],
        confidence: 0.4,
    }
}

fn doc(id: &str, text: &str, source: &str, affiliation: Option<&str>) -> Document {
    let mut d = Document::new(id, text, NaiveDate::from_ymd_opt(2023, 3, 28));
    d.source = Some(Source {
        name: Some(source.into()),
        affiliation: affiliation.map(Into::into),
        ..Source::default()
    });
    d
}

fn write(store: &mut Store, docs: &[(Document, Vec<Event>)]) -> BatchStats {
    let outs: Vec<(String, DocOutput)> = docs
        .iter()
        .map(|(d, evs)| {
            (
                content_hash(&d.text),
                DocOutput { doc_id: d.id.clone(), events: evs.clone(), ..DocOutput::default() },
            )
        })
        .collect();
    let items: Vec<Item> = docs
        .iter()
        .zip(&outs)
        .map(|((d, _), (h, o))| Item { doc: d, hash: h, output: o, origin: Some("test") })
        .collect();
    store.write_batch(&items).unwrap()
}

fn sample() -> Vec<(Document, Vec<Event>)> {
    vec![
        (
            doc("a", "Kabul blast kills six.", "Police", Some("Government of Afghanistan")),
            vec![event(27, 6, "IS-K")],
        ),
        (doc("b", "Kabul attack: 20 killed.", "Amaq", Some("Islamic State")), vec![event(27, 20, "IS-K")]),
        (doc("c", "Kabul blast again.", "Tolo", None), vec![event(29, 1, "IS-K")]),
    ]
}

#[test]
fn hash_is_sha256_hex() {
    assert_eq!(content_hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(mention_key(&content_hash(""), 3), "e3b0c44298fc1c14#3");
}

#[test]
fn migrations_set_user_version_and_reopen_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.db");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    drop(s);
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    s.connection().pragma_update(None, "user_version", 99).unwrap();
    drop(s);
    assert!(matches!(Store::open(&p), Err(Error::TooNew { found: 99, .. })));
}

#[test]
fn writing_twice_changes_no_row() {
    let mut s = Store::open_in_memory().unwrap();
    let first = write(&mut s, &sample());
    assert_eq!((first.new, first.duplicate, first.mentions), (3, 0, 3));
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let before = s.counts().unwrap();
    let again = write(&mut s, &sample());
    assert_eq!((again.new, again.duplicate), (0, 3));
    let st = s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!(st, ConsolidateStats::default());
    assert_eq!(s.counts().unwrap(), before);
}

#[test]
fn consolidation_merges_same_day_and_keeps_each_figure() {
    let mut s = Store::open_in_memory().unwrap();
    write(&mut s, &sample());
    let st = s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!((st.mentions, st.new_events), (3, 2));
    let evs = s.events(&EventFilter::default()).unwrap();
    assert_eq!(evs.len(), 2);
    let big = &evs[0].summary;
    assert_eq!(big.documents, vec!["a", "b"]);
    assert_eq!((big.estimate.low, big.estimate.best, big.estimate.high), (Some(6), Some(6), Some(20)));
    assert_eq!(big.per_source.len(), 2);
    let ex = s.explain(evs[0].id).unwrap();
    assert_eq!(ex.mentions.len(), 2);
    assert!(
        ex.mentions[1].link.reasons.iter().any(|r| r.contains("same place")),
        "{:?}",
        ex.mentions[1].link
    );
    assert_eq!(ex.mentions[0].evidence_text.as_deref(), Some("Kabu"));
}

#[test]
fn incremental_consolidation_grows_existing_event() {
    let mut s = Store::open_in_memory().unwrap();
    let docs = sample();
    write(&mut s, &docs[..1]);
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let id = s.events(&EventFilter::default()).unwrap()[0].id;
    write(&mut s, &docs[1..]);
    let st = s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!((st.mentions, st.new_events, st.grown_events), (2, 1, 1));
    let e = s.event(id).unwrap();
    assert_eq!(e.summary.documents, vec!["a", "b"]);
}

#[test]
fn filters_by_actor_alias_affiliation_dates_and_type() {
    let mut s = Store::open_in_memory().unwrap();
    write(&mut s, &sample());
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let n = |f: EventFilter| s.events(&f).unwrap().len();
    let d = |day| NaiveDate::from_ymd_opt(2023, 3, day);
    // (filter, expected events), one per line.
    assert_eq!(n(EventFilter::default()), 2);
    assert_eq!(n(EventFilter { actor: Some("daesh".into()), ..Default::default() }), 2);
    assert_eq!(n(EventFilter { actor: Some("Taliban".into()), ..Default::default() }), 0);
    assert_eq!(n(EventFilter { affiliation: Some("islamic state".into()), ..Default::default() }), 1);
    assert_eq!(n(EventFilter { from: d(28), ..Default::default() }), 1);
    assert_eq!(n(EventFilter { to: d(28), ..Default::default() }), 1);
    assert_eq!(n(EventFilter { event_type: Some("Suicide bomb".into()), ..Default::default() }), 2);
    assert_eq!(n(EventFilter { event_type: Some("Battles".into()), ..Default::default() }), 0);
    assert_eq!(
        n(EventFilter { country: Some("af".into()), admin1: Some("Kabul".into()), ..Default::default() }),
        2
    );
    assert_eq!(n(EventFilter { source: Some("Tolo".into()), ..Default::default() }), 1);
    let by_day = s.count(CountBy::Day, &EventFilter::default()).unwrap();
    assert_eq!(
        by_day.iter().map(|r| (r.key.as_str(), r.events, r.fatalities_best)).collect::<Vec<_>>(),
        vec![("2023-03-27", 1, 6), ("2023-03-29", 1, 1)]
    );
    let by_source = s.count(CountBy::Source, &EventFilter::default()).unwrap();
    assert_eq!(by_source.len(), 3);
}

#[test]
fn reviews_survive_rebuild_and_reingest() {
    let mut s = Store::open_in_memory().unwrap();
    write(&mut s, &sample());
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let evs = s.events(&EventFilter::default()).unwrap();
    let (a, b) = (evs[0].id, evs[1].id);
    assert!(s.review(a, "accept", "", "me", None).is_err());
    assert!(s.review(a, "merge", "x", "me", None).is_err());
    s.review(
        a,
        "edit",
        "police figure is final",
        "ana",
        Some(&serde_json::json!({"fatalities_estimate.best": 6})),
    )
    .unwrap();
    s.review(b, "reject", "duplicate of an older report", "ana", None).unwrap();
    s.consolidate(Rules::embedded().unwrap(), true).unwrap();
    write(&mut s, &sample());
    let evs = s.events(&EventFilter::default()).unwrap();
    assert_eq!(evs.len(), 1, "the rejected event stays hidden");
    assert_eq!(evs[0].status(), Some("edited"));
    assert_eq!(evs[0].to_json()["fatalities_estimate"]["best"], 6);
    let all = s.events(&EventFilter { include_rejected: true, ..Default::default() }).unwrap();
    assert_eq!(all.len(), 2);
    let queue = s.events(&EventFilter { max_confidence: Some(0.99), ..Default::default() }).unwrap();
    assert!(queue.is_empty(), "reviewed events leave the queue");
}

#[test]
fn json_has_contract_shape_and_extras() {
    let mut s = Store::open_in_memory().unwrap();
    write(&mut s, &sample());
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let v = s.events(&EventFilter::default()).unwrap()[0].to_json();
    for k in [
        "event_type",
        "sub_event_type",
        "plover",
        "location",
        "date",
        "fatalities",
        "documents",
        "per_source",
        "id",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["fatalities"]["min"], 6);
    assert_eq!(v["fatalities"]["max"], 20);
}

/// The count as it was before migration 4: every matching event decoded and grouped in Rust.
/// Kept only here, as the reference the SQL `GROUP BY` must equal.
fn count_by_decoding(s: &Store, by: CountBy, f: &EventFilter) -> Vec<query::CountRow> {
    use chrono::Datelike;
    let mut groups: std::collections::BTreeMap<String, query::CountRow> = Default::default();
    for rec in s.events(f).unwrap() {
        let s = &rec.summary;
        let e = &s.event;
        let unknown = || "unknown".to_string();
        let keys: Vec<String> = match by {
            CountBy::Day => vec![e.date.map_or_else(unknown, |d| d.to_string())],
            CountBy::Week => vec![e.date.map_or_else(unknown, |d| {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            })],
            CountBy::Month => vec![e.date.map_or_else(unknown, |d| format!("{}-{:02}", d.year(), d.month()))],
            CountBy::Admin1 => {
                vec![e.location.as_ref().and_then(|l| l.admin1.clone()).unwrap_or_else(unknown)]
            }
            CountBy::Actor => vec![e.actor1.as_ref().map(|a| a.name.clone()).unwrap_or_else(unknown)],
            CountBy::Type => vec![
                e.sub_event_type
                    .map(|t| t.as_str().to_string())
                    .or_else(|| e.event_type.map(|t| t.as_str().to_string()))
                    .unwrap_or_else(|| e.plover.kind.as_str().to_string()),
            ],
            CountBy::Source => {
                if s.sources.is_empty() {
                    vec![unknown()]
                } else {
                    s.sources.clone()
                }
            }
        };
        for k in keys {
            let row =
                groups.entry(k.clone()).or_insert_with(|| query::CountRow { key: k, ..Default::default() });
            row.events += 1;
            row.fatalities_low += u64::from(s.estimate.low.unwrap_or(0));
            row.fatalities_best += u64::from(s.estimate.best.unwrap_or(0));
            row.fatalities_high += u64::from(s.estimate.high.unwrap_or(0));
            row.with_figures += u64::from(s.estimate.best.is_some());
        }
    }
    groups.into_values().collect()
}

/// A store with events that differ in every grouped field, some fields unknown, a handle-only
/// source, a source-less document, month and range precision, an accepted and a rejected event.
fn varied_store() -> Store {
    use sitrep_model::AcledEventType;
    let mut s = Store::open_in_memory().unwrap();
    let place = |name: &str, admin1: Option<&str>, country: &str| Location {
        name: name.into(),
        admin1: admin1.map(Into::into),
        country: Some(country.into()),
        geonameid: None,
        ..kabul()
    };
    let mut docs = sample();
    let mut e = event(3, 4, "Taliban");
    e.location = Some(place("Quetta", Some("Balochistan"), "PK"));
    e.sub_event_type = Some(AcledSubEventType::ArmedClash);
    e.event_type = Some(AcledEventType::Battles);
    docs.push((doc("d", "Quetta clash.", "Dawn", Some("independent")), vec![e]));
    let mut e = event(1, 0, "TTP");
    e.location = Some(place("Pakistan", None, "PK"));
    e.date_precision = Some(DatePrecision::Month);
    e.sub_event_type = None;
    e.event_type = None;
    e.fatalities = Count::UNKNOWN;
    let mut d = Document::new("e", "Attacks in Pakistan this month.", NaiveDate::from_ymd_opt(2023, 3, 30));
    d.source = Some(Source { handle: Some("@pk_watch".into()), ..Source::default() });
    docs.push((d, vec![e]));
    let mut e = event(12, 2, "IS-K");
    e.actor1 = None;
    e.sub_event_type = Some(AcledSubEventType::Grenade);
    e.location = None;
    e.date_end = NaiveDate::from_ymd_opt(2023, 4, 2);
    e.date_precision = Some(DatePrecision::Range);
    e.fatalities = Count { min: Some(2), max: Some(5) };
    docs.push((Document::new("f", "Somewhere, between March and April.", None), vec![e]));
    let mut e = event(20, 9, "Taliban");
    e.location = Some(place("Herat", Some("Herat"), "AF"));
    docs.push((doc("g", "Herat attack.", "Police", None), vec![e.clone()]));
    docs.push((doc("h", "Herat attack, nine dead.", "Tolo", None), vec![e]));
    write(&mut s, &docs);
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let evs = s.events(&EventFilter::default()).unwrap();
    assert!(evs.len() >= 5, "{}", evs.len());
    s.review(evs[0].id, "accept", "checked", "ana", None).unwrap();
    s.review(evs[1].id, "reject", "not an event", "ana", None).unwrap();
    s
}

#[test]
fn sql_count_equals_decoding_every_event() {
    let s = varied_store();
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day);
    let f = EventFilter::default;
    // One filter per line.
    let filters = [
        f(),
        EventFilter { country: Some("pk".into()), ..f() },
        EventFilter { from: d(3, 10), to: d(3, 31), ..f() },
        EventFilter { from: d(4, 1), ..f() },
        EventFilter { actor: Some("daesh".into()), ..f() },
        EventFilter { actor: Some("Taliban".into()), country: Some("AF".into()), ..f() },
        EventFilter { event_type: Some("battles".into()), ..f() },
        EventFilter { affiliation: Some("Islamic State".into()), ..f() },
        EventFilter { source: Some("@pk_watch".into()), ..f() },
        EventFilter { admin1: Some("herat".into()), ..f() },
        EventFilter { max_confidence: Some(0.9), ..f() },
        EventFilter { include_rejected: true, ..f() },
    ];
    let bys = [
        CountBy::Day,
        CountBy::Week,
        CountBy::Month,
        CountBy::Admin1,
        CountBy::Actor,
        CountBy::Type,
        CountBy::Source,
    ];
    let mut nonempty = 0;
    for filter in &filters {
        for by in bys {
            let want = count_by_decoding(&s, by, filter);
            let got = s.count(by, filter).unwrap();
            assert_eq!(got, want, "{by:?} {filter:?}");
            nonempty += usize::from(!got.is_empty());
        }
    }
    assert!(nonempty > 60, "the fixture must exercise most cases: {nonempty}");
    // The range 12 March - 2 April starts three weeks before `from` and still meets it.
    let late = s.events(&EventFilter { from: d(4, 1), ..f() }).unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].summary.event.date_end, d(4, 2));
    let types: Vec<String> = s.count(CountBy::Type, &f()).unwrap().into_iter().map(|r| r.key).collect();
    assert!(types.contains(&"ASSAULT".to_string()), "untyped event counts under its PLOVER type: {types:?}");
    let src: Vec<String> = s.count(CountBy::Source, &f()).unwrap().into_iter().map(|r| r.key).collect();
    assert!(src.contains(&"@pk_watch".to_string()) && src.contains(&"unknown".to_string()), "{src:?}");
}

#[test]
fn count_applies_edits_and_skips_rejections() {
    let mut s = Store::open_in_memory().unwrap();
    write(&mut s, &sample());
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let evs = s.events(&EventFilter::default()).unwrap();
    let best = |s: &Store| -> Vec<(String, u64, u64)> {
        s.count(CountBy::Admin1, &EventFilter::default())
            .unwrap()
            .into_iter()
            .map(|r| (r.key, r.events, r.fatalities_best))
            .collect()
    };
    assert_eq!(best(&s), vec![("Kabul".to_string(), 2, 7)]);
    let patch = serde_json::json!({"fatalities_estimate.best": 10, "location.admin1": "Kabul City"});
    s.review(evs[0].id, "edit", "police figure revised", "ana", Some(&patch)).unwrap();
    assert_eq!(best(&s), vec![("Kabul".to_string(), 1, 1), ("Kabul City".to_string(), 1, 10)]);
    s.review(evs[1].id, "reject", "duplicate", "ana", None).unwrap();
    assert_eq!(best(&s), vec![("Kabul City".to_string(), 1, 10)]);
}

#[test]
fn feed_validators_round_trip_and_are_replaced() {
    let s = Store::open_in_memory().unwrap();
    let url = "http://127.0.0.1:1/feed.xml";
    assert_eq!(s.feed_validators(url).unwrap(), (None, None));
    s.set_feed_validators(url, Some("\"v1\""), Some("Tue, 28 Mar 2023 06:10:00 GMT")).unwrap();
    let want = (Some("\"v1\"".to_string()), Some("Tue, 28 Mar 2023 06:10:00 GMT".to_string()));
    assert_eq!(s.feed_validators(url).unwrap(), want);
    s.set_feed_validators(url, Some("W/\"v2\""), None).unwrap();
    assert_eq!(s.feed_validators(url).unwrap(), (Some("W/\"v2\"".to_string()), None));
    assert_eq!(s.feed_validators("http://127.0.0.1:1/other.xml").unwrap(), (None, None));
}

#[test]
fn one_partition_per_pass_makes_the_events_of_one_pass() {
    use sitrep_model::AcledEventType;
    let countries = ["AF", "PK", "IQ"];
    let mut docs = Vec::new();
    for i in 0..60u32 {
        let mut e = event(1 + i % 28, i % 5, if i % 2 == 0 { "IS-K" } else { "Taliban" });
        e.date = NaiveDate::from_ymd_opt(2023, 1 + (i / 7) % 4, 1 + (i * 3) % 28);
        if let Some(l) = e.location.as_mut() {
            l.country = Some(countries[(i % 3) as usize].into());
            l.name = format!("Town {}", i % 4);
            l.geonameid = None;
        }
        if i % 9 == 0 {
            e.location = None;
        }
        if i % 11 == 0 {
            e.date_precision = Some(DatePrecision::Month);
            e.sub_event_type = Some(AcledSubEventType::ArmedClash);
            e.event_type = Some(AcledEventType::Battles);
        }
        let d = doc(&format!("d{i}"), &format!("report {i}"), ["A", "B", "C"][(i % 3) as usize], None);
        docs.push((d, vec![e]));
    }
    let sets = |s: &Store| {
        let mut v: Vec<Vec<String>> = s
            .events(&EventFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| {
                let mut d = e.summary.documents;
                d.sort();
                d
            })
            .collect();
        v.sort();
        v
    };
    let (mut whole, mut parts) = (Store::open_in_memory().unwrap(), Store::open_in_memory().unwrap());
    // Half first, then the rest: the second run grows earlier events.
    for (s, pass) in [(&mut whole, usize::MAX), (&mut parts, 1)] {
        write(s, &docs[..30]);
        s.consolidate_in_passes(Rules::embedded().unwrap(), false, pass, usize::MAX).unwrap();
        write(s, &docs[30..]);
        s.consolidate_in_passes(Rules::embedded().unwrap(), false, pass, usize::MAX).unwrap();
    }
    let want = sets(&whole);
    assert!(want.len() < 60 && want.len() > 10, "{}", want.len());
    assert_eq!(sets(&parts), want);
    parts.consolidate_in_passes(Rules::embedded().unwrap(), true, 1, usize::MAX).unwrap();
    assert_eq!(sets(&parts), want);
    assert_eq!(parts.counts().unwrap(), whole.counts().unwrap());
    // Slices of 7 mentions: every mention still lands in exactly one event, and the events
    // stay close to one pass (a slice boundary may only change the order reports are placed in).
    parts.consolidate_in_passes(Rules::embedded().unwrap(), true, 1, 7).unwrap();
    let sliced = sets(&parts);
    assert_eq!(sliced.iter().map(Vec::len).sum::<usize>(), 60);
    let same = sliced.iter().filter(|g| want.contains(g)).count();
    assert!(same * 10 >= want.len() * 9, "{same} of {} events unchanged", want.len());
}

#[test]
fn statements_and_tallies_told_by_several_documents_are_one() {
    use crate::answers::RecordFilter;
    use sitrep_model::{AcledEventType, Speaker, Statement, StatementKind, Tally, TallyLocation};
    let stmt = |speaker: &str, kind: StatementKind| Statement {
        speaker: Speaker { name: speaker.into(), text: None, affiliation: Some("Taliban".into()) },
        kind,
        plover: kind.plover(),
        target: Some(ActorRef { name: "IS-K".into(), ..ActorRef::default() }),
        quote: None,
        figures: vec![],
        evidence: vec![Span::new(0, 3)],
        confidence: 1.0,
    };
    let tally = |count: u32, day: u32| Tally {
        count,
        event_type: Some(AcledEventType::Battles),
        sub_event_type: None,
        actor1: Some(ActorRef { name: "Taliban".into(), ..ActorRef::default() }),
        actor2: None,
        date: NaiveDate::from_ymd_opt(2023, 3, day),
        date_end: NaiveDate::from_ymd_opt(2023, 3, day + 6),
        locations: vec![TallyLocation {
            name: "Kunduz".into(),
            admin1: None,
            country: None,
            geonameid: None,
        }],
        evidence: vec![Span::new(0, 3)],
        confidence: 1.0,
    };
    // (doc, published day, statements, tallies), one document per line.
    let spec: Vec<(&str, u32, Vec<Statement>, Vec<Tally>)> = vec![
        ("a", 10, vec![stmt("Zabihullah Mujahid", StatementKind::Deny)], vec![tally(8, 1)]),
        ("b", 11, vec![stmt("zabihullah mujahid ", StatementKind::Deny)], vec![tally(8, 3)]),
        ("c", 11, vec![stmt("Zabihullah Mujahid", StatementKind::Condemn)], vec![tally(9, 1)]),
        ("d", 28, vec![stmt("Zabihullah Mujahid", StatementKind::Deny)], vec![tally(8, 20)]),
    ];
    let docs: Vec<Document> = spec
        .iter()
        .map(|(id, day, ..)| Document::new(*id, format!("text {id}"), NaiveDate::from_ymd_opt(2023, 3, *day)))
        .collect();
    let hashes: Vec<String> = docs.iter().map(|d| content_hash(&d.text)).collect();
    let outs: Vec<DocOutput> = spec
        .iter()
        .map(|(id, _, s, t)| DocOutput {
            doc_id: id.to_string(),
            statements: s.clone(),
            tallies: t.clone(),
            ..DocOutput::default()
        })
        .collect();
    let items: Vec<Item> = docs
        .iter()
        .zip(&hashes)
        .zip(&outs)
        .map(|((doc, hash), output)| Item { doc, hash, output, origin: None })
        .collect();
    let mut s = Store::open_in_memory().unwrap();
    s.write_batch(&items).unwrap();
    // Before consolidation every report stands alone.
    assert_eq!(s.statement_groups(&RecordFilter::default()).unwrap().len(), 4);
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    let st: Vec<Vec<String>> =
        s.statement_groups(&RecordFilter::default()).unwrap().into_iter().map(|g| g.documents).collect();
    assert_eq!(st, vec![vec!["a", "b"], vec!["c"], vec!["d"]]);
    let ta: Vec<Vec<String>> =
        s.tally_groups(&RecordFilter::default()).unwrap().into_iter().map(|g| g.documents).collect();
    assert_eq!(ta, vec![vec!["a", "b"], vec!["c"], vec!["d"]]);
    // A filter that selects one report still shows its whole group.
    let only_b = RecordFilter { doc_ids: Some(vec!["b".into()]), ..RecordFilter::default() };
    let g = s.statement_groups(&only_b).unwrap();
    assert_eq!((g.len(), g[0].members.len(), g[0].documents.clone()), (1, 2, vec!["a".into(), "b".into()]));
    // Consolidating again changes nothing.
    let before = s.counts().unwrap();
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!(s.counts().unwrap(), before);
}

fn sorted_rows(s: &Store, sql: &str) -> Vec<String> {
    let mut st = s.connection().prepare(sql).unwrap();
    let n = st.column_count();
    let mut out: Vec<String> = st
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|v| v.join("|"))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    out.sort();
    out
}

/// Every cube (migrations 8 and 9) as its cells, and as recomputed from its source rows; then the
/// actor and source words (migration 9) as kept and as filled anew. The triggers and the refresh
/// must keep each pair equal through inserts, updates and deletes.
fn cubes_and_recomputed(s: &Store) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out: Vec<(Vec<String>, Vec<String>)> = cubes::recompute_sql()
        .iter()
        .map(|(cells, want)| (sorted_rows(s, cells), sorted_rows(s, want)))
        .collect();
    let words =
        |s: &Store| ["actor_keys", "source_keys"].map(|t| sorted_rows(s, &format!("SELECT * FROM {t}")));
    let kept = words(s);
    s.connection().execute_batch(&format!("SAVEPOINT fill; {} ", keys::FILL)).unwrap();
    let filled = words(s);
    s.connection().execute_batch("ROLLBACK TO fill; RELEASE fill;").unwrap();
    out.extend(kept.into_iter().zip(filled));
    out
}

#[test]
fn cubes_follow_inserts_updates_and_deletes() {
    let mut s = Store::open_in_memory().unwrap();
    let check = |s: &Store, what: &str| {
        for (cells, want) in cubes_and_recomputed(s) {
            assert_eq!(cells, want, "{what}");
        }
    };
    write(&mut s, &sample()[..1]);
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    check(&s, "first events");
    // The rest grows the existing event (an UPDATE) and adds new ones.
    write(&mut s, &sample()[1..]);
    let st = s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert!(st.grown_events > 0, "{st:?}");
    check(&s, "grown");
    let vs = varied_store();
    check(&vs, "varied");
    assert!(!cubes_and_recomputed(&vs)[3].0.is_empty());
    s.consolidate(Rules::embedded().unwrap(), true).unwrap();
    check(&s, "rebuilt");
    s.connection().execute("DELETE FROM events", []).unwrap();
    check(&s, "emptied");
    assert!(cubes_and_recomputed(&s).iter().all(|(c, _)| c.is_empty()), "an emptied cell is deleted");
}

#[test]
fn cube_counts_equal_the_plain_path_with_reviews() {
    let mut s = varied_store();
    let evs = s.events(&EventFilter::default()).unwrap();
    let patch = serde_json::json!({"fatalities_estimate.best": 40, "location.admin1": "Edited"});
    s.review(evs[2].id, "edit", "figure revised", "ana", Some(&patch)).unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day);
    let f = EventFilter::default;
    // One filter per line; the cubes answer the whole-month windows, the others go to the events.
    let filters = [
        f(),
        EventFilter { country: Some("pk".into()), ..f() },
        EventFilter { country: Some("AF".into()), admin1: Some("herat".into()), ..f() },
        EventFilter { admin1: Some("KABUL".into()), ..f() },
        EventFilter { event_type: Some("battles".into()), ..f() },
        EventFilter { event_type: Some("suicide BOMB".into()), ..f() },
        EventFilter { event_type: Some("ASSAULT".into()), ..f() },
        EventFilter { from: d(3, 1), to: d(3, 31), ..f() },
        EventFilter { from: d(4, 1), to: d(4, 30), ..f() },
        EventFilter { from: d(4, 1), ..f() },
        EventFilter { to: d(2, 28), ..f() },
        EventFilter { from: d(3, 10), to: d(3, 31), ..f() },
        EventFilter { country: Some("af".into()), from: d(3, 1), to: d(3, 31), ..f() },
        EventFilter { country: Some("AF".into()), event_type: Some("Suicide bomb".into()), ..f() },
        EventFilter { include_rejected: true, ..f() },
        EventFilter { include_rejected: true, country: Some("PK".into()), ..f() },
        EventFilter { actor: Some("taliban".into()), ..f() },
        EventFilter { actor: Some("DAESH".into()), ..f() },
        EventFilter { actor: Some("Daesh".into()), from: d(3, 1), to: d(3, 31), ..f() },
        EventFilter { actor: Some("Daesh".into()), from: d(3, 10), to: d(3, 25), ..f() },
        EventFilter { actor: Some("Daesh".into()), to: d(3, 25), include_rejected: true, ..f() },
        EventFilter { actor: Some("Daesh".into()), country: Some("af".into()), from: d(4, 1), ..f() },
        EventFilter { actor: Some("Daesh".into()), admin1: Some("Herat".into()), ..f() },
        EventFilter { actor: Some("TTP".into()), from: d(3, 5), ..f() },
        EventFilter { source: Some("tolo".into()), ..f() },
        EventFilter { source: Some("@PK_watch".into()), from: d(3, 1), to: d(4, 30), ..f() },
        EventFilter { source: Some("Police".into()), from: d(3, 20), to: d(3, 21), ..f() },
        EventFilter { source: Some("Dawn".into()), country: Some("PK".into()), ..f() },
        EventFilter { source: Some("Dawn".into()), actor: Some("Taliban".into()), ..f() },
        EventFilter { source: Some(String::new()), ..f() },
        EventFilter { actor: Some("daesh".into()), event_type: Some("Battles".into()), ..f() },
    ];
    let mut fast = 0;
    for filter in &filters {
        for by in
            [CountBy::Month, CountBy::Admin1, CountBy::Type, CountBy::Day, CountBy::Week, CountBy::Actor]
        {
            fast += usize::from(query::cube_sql(by, filter).is_some());
            let plain = s.count_plain(by, filter).unwrap();
            assert_eq!(s.count(by, filter).unwrap(), plain, "{by:?} {filter:?}");
        }
    }
    // Without actor or source: 15 filters by month, admin1, type (all but the partial month, which
    // the day cube answers by month); by day and week (10 filters: not with admin1 or type); by
    // actor (9: whole months, no admin1 or type). With one of them (12 filters): by month,
    // admin1, day and week.
    assert_eq!(fast, 15 * 3 + 1 + 10 * 2 + 9 + 12 * 4, "the cubes and the words answer");
    let edited = s.count(CountBy::Admin1, &f()).unwrap();
    assert!(edited.iter().any(|r| r.key == "Edited" && r.fatalities_best == 40), "{edited:?}");
}

#[test]
fn a_known_type_filters_on_its_own_column() {
    // One case per line: the words, the column (None: both are compared).
    let cases = [
        ("battles", Some("event_type")),
        ("Explosions/Remote violence", Some("event_type")),
        ("ARMED CLASH", Some("sub_event_type")),
        (" Battles", None),
        ("ASSAULT", None),
    ];
    for (t, col) in cases {
        assert_eq!(query::type_column(t), col, "{t}");
    }
}

#[test]
fn consolidation_restores_the_cube_triggers_and_an_open_heals_a_crash_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut s = Store::open(&path).unwrap();
    write(&mut s, &sample());
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!(s.cube_triggers().unwrap(), CUBE_TRIGGERS);
    // A consolidation killed mid-way: triggers out, cubes stale.
    s.connection()
        .execute_batch(
            "DROP TRIGGER events_cube_insert; DROP TRIGGER events_cube_update; DELETE FROM cube_all;",
        )
        .unwrap();
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.cube_triggers().unwrap(), CUBE_TRIGGERS);
    for (cells, want) in cubes_and_recomputed(&s) {
        assert_eq!(cells, want);
    }
    assert!(!cubes_and_recomputed(&s)[3].0.is_empty(), "the events are counted again");
}

#[test]
fn a_first_consolidation_builds_the_dropped_indexes_again() {
    let schema = |s: &Store| -> Vec<(String, String)> {
        let mut st = s
            .connection()
            .prepare("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|x| x.unwrap()).collect()
    };
    let mut s = Store::open_in_memory().unwrap();
    let before = schema(&s);
    assert!(before.iter().any(|(n, _)| n == "events_date_all"), "{before:?}");
    write(&mut s, &sample());
    // First pass: more mentions than events, indexes dropped and built again.
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!(schema(&s), before);
    // An incremental pass keeps them; both answer through them.
    let docs = sample();
    let mut more = docs[1].clone();
    more.0.text.push_str(" again");
    more.0.id.push_str("-2");
    write(&mut s, &[more]);
    s.consolidate(Rules::embedded().unwrap(), false).unwrap();
    assert_eq!(schema(&s), before);
    let n: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM events INDEXED BY events_date_all WHERE date >= '2000-01-01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, s.events(&EventFilter::default()).unwrap().len() as i64);
}

#[test]
fn a_new_alias_finds_the_events_of_its_actor_before_any_consolidation() {
    let mut s = varied_store();
    let f = EventFilter { actor: Some("talibs".into()), include_rejected: true, ..EventFilter::default() };
    assert!(s.count(CountBy::Month, &f).unwrap().is_empty());
    // A document calls the Taliban "Talibs": the alias is written, its event stays unconsolidated.
    let mut e = event(5, 1, "Taliban");
    e.actor1 = Some(ActorRef { name: "Taliban".into(), text: Some("Talibs".into()), ..ActorRef::default() });
    write(&mut s, &[(doc("t", "Talibs attack.", "Dawn", None), vec![e])]);
    for by in [CountBy::Month, CountBy::Admin1, CountBy::Day] {
        let fast = s.count(by, &f).unwrap();
        assert_eq!(fast, s.count_plain(by, &f).unwrap(), "{by:?}");
        assert_eq!(fast.iter().map(|r| r.events).sum::<u64>(), 2, "{by:?}: both Taliban events");
        let kept = EventFilter { include_rejected: false, ..f.clone() };
        assert_eq!(s.count(by, &kept).unwrap(), s.count_plain(by, &kept).unwrap(), "{by:?}");
    }
    for (cells, want) in cubes_and_recomputed(&s) {
        assert_eq!(cells, want);
    }
}
