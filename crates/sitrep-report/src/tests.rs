use super::*;
use sitrep_consolidate::{Estimate, Summary};
use sitrep_model::{
    AcledEventType, AcledSubEventType, ActorRef, Count, Event, Location, Plover, PloverType, Span, Speaker,
    Tally,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn actor(n: &str) -> Option<ActorRef> {
    Some(ActorRef { name: n.into(), ..ActorRef::default() })
}

fn event(
    id: i64,
    date: &str,
    a1: &str,
    a2: Option<&str>,
    admin1: &str,
    best: Option<u32>,
    doc: &str,
) -> EventRecord {
    let e = Event {
        event_type: Some(AcledEventType::Battles),
        sub_event_type: Some(AcledSubEventType::ArmedClash),
        plover: Plover { kind: PloverType::Fight, mode: None },
        cameo: None,
        actor1: actor(a1),
        actor2: a2.and_then(actor),
        location: Some(Location {
            name: admin1.into(),
            text: None,
            admin1: Some(admin1.into()),
            admin2: None,
            country: Some("AF".into()),
            lat: None,
            lon: None,
            geonameid: None,
            precision: sitrep_model::GeoPrecision::Province,
            approximate: false,
        }),
        date: Some(d(date)),
        date_end: None,
        date_precision: None,
        date_source: None,
        fatalities: Count { min: best, max: best },
        injured: Count::UNKNOWN,
        claimed_by: None,
        victims: vec![],
        background: false,
        trigger: None,
        evidence: vec![Span::new(0, 4)],
        confidence: 0.8,
    };
    EventRecord {
        id,
        summary: Summary {
            key: format!("k{id}"),
            event: e,
            estimate: Estimate { low: best, best, high: best },
            per_source: vec![],
            documents: vec![doc.into()],
            sources: vec!["Wire".into()],
        },
        reviews: vec![],
    }
}

fn doc(id: &str, aff: &str) -> DocInfo {
    DocInfo {
        doc_id: id.into(),
        published: Some("2023-03-28".into()),
        source: Some(format!("{aff} outlet")),
        affiliation: Some(aff.into()),
        ..DocInfo::default()
    }
}

fn statement(
    id: i64,
    kind: StatementKind,
    who: &str,
    aff: &str,
    target: Option<&str>,
    doc_id: &str,
) -> StatementRow {
    StatementRow {
        id,
        doc: doc(doc_id, aff),
        statement: Statement {
            speaker: Speaker { name: who.into(), text: None, affiliation: Some(aff.into()) },
            kind,
            plover: kind.plover(),
            target: target.and_then(actor),
            quote: Some(format!("quote of {who}")),
            figures: vec![],
            evidence: vec![Span::new(10, 20)],
            confidence: 1.0,
        },
    }
}

fn tally(count: u32, a1: &str, a2: &str, from: Option<&str>, to: &str) -> TallyRow {
    TallyRow {
        id: 1,
        doc: doc("t1", "independent"),
        tally: Tally {
            count,
            event_type: Some(AcledEventType::Battles),
            sub_event_type: None,
            actor1: actor(a1),
            actor2: actor(a2),
            date: from.map(d),
            date_end: Some(d(to)),
            locations: vec![],
            evidence: vec![],
            confidence: 1.0,
        },
    }
}

fn input() -> Input {
    let events = vec![
        event(1, "2023-03-05", "Taliban", Some("ISKP"), "Kabul", Some(3), "a"),
        event(2, "2023-03-10", "Taliban", Some("ISKP"), "Balkh", None, "b"),
        event(3, "2023-03-12", "ISKP", Some("Civilians"), "Kabul", Some(6), "a"),
    ];
    Input {
        scope: Scope { from: d("2023-03-01"), to: d("2023-03-31"), country: None, actor: None },
        tally_events: events.clone(),
        events,
        docs: vec![doc("a", "independent"), doc("b", "Taliban"), doc("t1", "independent")],
        statements: vec![
            statement(1, StatementKind::AssertFigure, "Kurilla", "CENTCOM", None, "a"),
            statement(2, StatementKind::Reject, "Mujahid", "Taliban", Some("Kurilla"), "b"),
            statement(3, StatementKind::Reject, "Other", "CENTCOM", Some("Kurilla"), "a"),
        ],
        tallies: vec![tally(8, "Taliban", "ISKP", Some("2023-03-03"), "2023-03-26")],
    }
}

#[test]
fn contested_pairs_need_two_parties() {
    let i = input();
    // Statement 3 rejects its own party's figure: not contested.
    assert_eq!(contested(&i.statements), vec![(0, 1)]);
}

#[test]
fn tally_counts_events_of_its_actors_type_and_window() {
    let i = input();
    // actor1, actor2, window start, window end, events matched (None: not checked).
    type Case<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, Option<usize>);
    let cases: &[Case] = &[
        ("Taliban", "ISKP", Some("2023-03-03"), "2023-03-26", Some(2)),
        ("taliban", "iskp", Some("2023-03-06"), "2023-03-26", Some(1)),
        ("Taliban", "Civilians", Some("2023-03-01"), "2023-03-31", Some(0)),
        ("Taliban", "ISKP", None, "2023-03-26", None),
    ];
    for (a1, a2, from, to, want) in cases {
        let t = tally(8, a1, a2, *from, to);
        assert_eq!(tally_matches(&t.tally, &i.tally_events).map(|m| m.len()), *want, "{a1} {a2} {from:?}");
    }
}

#[test]
fn report_sentences_come_from_the_records() {
    let r = write(&input(), &Options::default()).unwrap();
    let md = r.markdown();
    assert!(md.starts_with("# Situation report, 2023-03-01 to 2023-03-31\n"), "{md}");
    assert!(md.contains("The database holds 3 events with an ACLED type between 2023-03-01 and 2023-03-31, reported in 2 documents"));
    assert!(md.contains("low 9, best 9, high 9, over the 2 events that give a figure; 1 events give none."));
    assert!(md.contains("| Taliban | ISKP | Armed clash | 2 | 3 | 3 | 3 |"), "{md}");
    assert!(md.contains("| AF | Balkh | 1 | unknown | unknown | unknown |"), "{md}");
    assert!(md.contains(
        "independent outlet (independent) reports 8 events of type Battles by Taliban against ISKP \
         between 2023-03-03 and 2023-03-26"
    ));
    assert!(md.contains("the database holds 2 distinct ones: event 1 (2023-03-05, Kabul (AF)); event 2"));
    assert!(md.contains("**Kurilla** (CENTCOM) gives a figure: “quote of Kurilla”"), "{md}");
    assert!(md.contains("**Mujahid** (Taliban) rejects Kurilla: “quote of Mujahid”"), "{md}");
    assert!(md.contains("affiliation Taliban"));
    assert!(md.contains("![Timeline](timeline.svg)"));
    // The key events come biggest toll first.
    let first = md.find("2023-03-12").unwrap();
    assert!(first < md.find("**2023-03-05**").unwrap());
}

#[test]
fn without_quotes_statements_point_at_offsets() {
    let opt = Options { quotes: false, ..Options::default() };
    let md = write(&input(), &opt).unwrap().markdown();
    assert!(!md.contains("quote of"));
    assert!(md.contains("(characters 10–20)"));
}

#[test]
fn empty_scope_says_so() {
    let mut i = input();
    i.events.clear();
    i.statements.clear();
    i.tallies.clear();
    let md = write(&i, &Options::default()).unwrap().markdown();
    assert!(md.contains("The database holds 0 events"));
    assert!(md.contains("No events in scope."));
    assert!(md.contains("No documents cited."));
    i.scope.from = d("2023-04-01");
    assert!(write(&i, &Options::default()).is_err());
}

#[test]
fn html_embeds_the_chart_and_escapes_names() {
    let mut i = input();
    i.events[0].summary.event.actor1 = actor("<script>alert(1)</script>");
    let r = write(&i, &Options::default()).unwrap();
    let h = r.html("t");
    assert!(h.contains("<svg"));
    assert!(!h.contains("<script>"));
    assert!(h.contains("&lt;script&gt;"));
}

#[test]
fn timeline_bins_by_span() {
    let i = input();
    let ev: Vec<&EventRecord> = i.events.iter().collect();
    let (svg, unit, undated) = timeline_svg(&ev, d("2023-03-01"), d("2023-03-31"));
    assert_eq!((unit, undated), ("day", 0));
    assert_eq!(svg.matches("<rect").count(), 3);
    let (_, unit, _) = timeline_svg(&ev, d("2023-01-01"), d("2023-12-31"));
    assert_eq!(unit, "week");
    let (svg, unit, _) = timeline_svg(&ev, d("2020-01-01"), d("2023-12-31"));
    assert_eq!(unit, "month");
    assert_eq!(svg.matches("<rect").count(), 1);
}

#[test]
fn events_without_an_acled_type_stay_out_of_the_tables() {
    let mut i = input();
    i.events[2].summary.event.event_type = None;
    i.events[2].summary.event.sub_event_type = None;
    let md = write(&i, &Options::default()).unwrap().markdown();
    assert!(md.contains("holds 2 events with an ACLED type"), "{md}");
    assert!(md.contains("It also holds 1 events with only a PLOVER type"), "{md}");
    assert!(!md.contains("| ISKP | Civilians |"), "{md}");
}
