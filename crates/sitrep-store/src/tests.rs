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
