//! sitrep's situation report.
//!
//! - In: stored records (`sitrep-store`): consolidated events with their reviews, the documents
//!   and sources that report them, statements and tallies, and the scope asked for.
//! - Out: one report as Markdown or HTML, and a timeline chart as SVG.
//! - Never: I/O, NLP or an invented sentence. Every sentence is a template filled from records;
//!   an unknown value reads "unknown", never a guess or a 0.

mod doc;
mod svg;

pub use doc::{Block, Inline};
pub use svg::timeline_svg;

use chrono::NaiveDate;
use sitrep_model::{Statement, StatementKind};
use sitrep_store::EventRecord;
use sitrep_store::answers::{DocInfo, StatementRow, TallyRow};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the report period is empty: --from {from} is after --to {to}")]
    EmptyPeriod { from: NaiveDate, to: NaiveDate },
}

/// What the report covers.
#[derive(Debug, Clone)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub country: Option<String>,
    pub actor: Option<String>,
}

/// How the report is written.
#[derive(Debug, Clone)]
pub struct Options {
    /// Quote statements and give document titles. Off, statements point at character offsets
    /// instead (for reports on third-party text that must not be reproduced).
    pub quotes: bool,
    /// How many key events to list.
    pub top: usize,
    /// The file name the Markdown links the timeline as; None embeds nothing in Markdown.
    pub timeline_href: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { quotes: true, top: 10, timeline_href: Some("timeline.svg".into()) }
    }
}

/// Everything a report is written from.
#[derive(Debug, Clone)]
pub struct Input {
    pub scope: Scope,
    /// Events in scope (rejected ones already left out by the store).
    pub events: Vec<EventRecord>,
    /// Every document cited: those of the events, statements and tallies.
    pub docs: Vec<DocInfo>,
    pub statements: Vec<StatementRow>,
    pub tallies: Vec<TallyRow>,
    /// Events that tallies are checked against: every stored event in the tallies' windows,
    /// whatever the report's country or actor.
    pub tally_events: Vec<EventRecord>,
}

/// A written report: the document model, from which Markdown and HTML are rendered.
#[derive(Debug, Clone)]
pub struct Report {
    pub blocks: Vec<Block>,
    /// The timeline chart (also a block of `blocks` in HTML).
    pub timeline_svg: String,
}

impl Report {
    pub fn markdown(&self) -> String {
        doc::markdown(&self.blocks)
    }
    pub fn html(&self, title: &str) -> String {
        doc::html(&self.blocks, title, &self.timeline_svg)
    }
}

fn eq(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn or_unknown(v: Option<&str>) -> String {
    v.map_or_else(|| "unknown".to_string(), str::to_string)
}

/// The type an event is counted under: its ACLED sub-event type, else its event type, else its
/// PLOVER type.
fn type_label(e: &sitrep_model::Event) -> String {
    e.sub_event_type
        .map(|t| t.as_str().to_string())
        .or_else(|| e.event_type.map(|t| t.as_str().to_string()))
        .unwrap_or_else(|| e.plover.kind.as_str().to_string())
}

/// Sums of low/best/high over events; events without a figure are counted apart, not as 0.
#[derive(Debug, Default, Clone, Copy)]
struct Fatalities {
    low: u64,
    best: u64,
    high: u64,
    known: usize,
    events: usize,
}

impl Fatalities {
    fn add(&mut self, r: &EventRecord) {
        let e = &r.summary.estimate;
        self.events += 1;
        if e.low.is_none() && e.best.is_none() && e.high.is_none() {
            return;
        }
        self.known += 1;
        self.low += u64::from(e.low.unwrap_or(0));
        self.best += u64::from(e.best.or(e.low).unwrap_or(0));
        self.high += u64::from(e.high.or(e.best).or(e.low).unwrap_or(0));
    }
    fn cells(&self) -> [String; 3] {
        if self.known == 0 {
            return ["unknown".into(), "unknown".into(), "unknown".into()];
        }
        [self.low.to_string(), self.best.to_string(), self.high.to_string()]
    }
}

/// Citation numbers, given in order of first use.
#[derive(Default)]
struct Citations {
    order: Vec<String>,
    index: HashMap<String, usize>,
}

impl Citations {
    fn cite(&mut self, doc_id: &str) -> usize {
        if let Some(n) = self.index.get(doc_id) {
            return *n;
        }
        self.order.push(doc_id.to_string());
        let n = self.order.len();
        self.index.insert(doc_id.to_string(), n);
        n
    }
}

fn party(s: &Statement, doc: &DocInfo) -> String {
    s.speaker
        .affiliation
        .clone()
        .or_else(|| doc.affiliation.clone())
        .unwrap_or_else(|| s.speaker.name.clone())
}

fn kind_verb(k: StatementKind) -> &'static str {
    match k {
        StatementKind::ClaimResponsibility => "claims responsibility",
        StatementKind::Deny => "denies",
        StatementKind::Accuse => "accuses",
        StatementKind::Reject => "rejects",
        StatementKind::Condemn => "condemns",
        StatementKind::Threaten => "threatens",
        StatementKind::Demand => "demands",
        StatementKind::Praise => "praises",
        StatementKind::AssertFigure => "gives a figure",
        StatementKind::Other => "states",
    }
}

/// Statements that reject or deny what another party asserted, accused or claimed: the
/// rejection's target is the other statement's speaker, its speaker's affiliation or its target.
pub fn contested(statements: &[StatementRow]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in statements.iter().enumerate() {
        if !matches!(a.statement.kind, StatementKind::Reject | StatementKind::Deny) {
            continue;
        }
        let Some(target) = &a.statement.target else { continue };
        for (j, b) in statements.iter().enumerate() {
            let s = &b.statement;
            if !matches!(
                s.kind,
                StatementKind::AssertFigure | StatementKind::Accuse | StatementKind::ClaimResponsibility
            ) {
                continue;
            }
            if eq(&party(&a.statement, &a.doc), &party(s, &b.doc)) {
                continue;
            }
            let hits = eq(&target.name, &s.speaker.name)
                || s.speaker.affiliation.as_deref().is_some_and(|x| eq(&target.name, x))
                || s.target.as_ref().is_some_and(|t| eq(&target.name, &t.name));
            if hits {
                out.push((j, i));
            }
        }
    }
    out
}

fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn event_window(r: &EventRecord) -> Option<(NaiveDate, NaiveDate)> {
    let e = &r.summary.event;
    let d = e.date?;
    Some((d, e.date_end.unwrap_or(d).max(d)))
}

/// The stored events a tally counts: in its window, of its type, with its actors (actor1 as
/// actor1, actor2 as actor2, where the tally names them). None when the tally gives no window.
pub fn tally_matches<'a>(t: &sitrep_model::Tally, events: &'a [EventRecord]) -> Option<Vec<&'a EventRecord>> {
    let from = t.date?;
    let window = (from, t.date_end.unwrap_or(from).max(from));
    let actor_ok = |want: &Option<sitrep_model::ActorRef>, got: &Option<sitrep_model::ActorRef>| match want {
        None => true,
        Some(w) => got.as_ref().is_some_and(|g| eq(&w.name, &g.name)),
    };
    let mut out: Vec<&EventRecord> = events
        .iter()
        .filter(|r| {
            let e = &r.summary.event;
            event_window(r).is_some_and(|w| overlaps(w, window))
                && t.event_type.is_none_or(|ty| e.event_type == Some(ty))
                && t.sub_event_type.is_none_or(|ty| e.sub_event_type == Some(ty))
                && actor_ok(&t.actor1, &e.actor1)
                && actor_ok(&t.actor2, &e.actor2)
        })
        .collect();
    out.sort_by(|x, y| (x.summary.event.date, &x.summary.key).cmp(&(y.summary.event.date, &y.summary.key)));
    out.dedup_by_key(|r| r.id);
    Some(out)
}

fn place(e: &sitrep_model::Event) -> String {
    match &e.location {
        None => "place unknown".into(),
        Some(l) => {
            let mut inner: Vec<&str> = Vec::new();
            if let Some(a) = l.admin1.as_deref().filter(|a| !eq(a, &l.name)) {
                inner.push(a);
            }
            if let Some(c) = l.country.as_deref() {
                inner.push(c);
            }
            if inner.is_empty() { l.name.clone() } else { format!("{} ({})", l.name, inner.join(", ")) }
        }
    }
}

fn dates(e: &sitrep_model::Event) -> String {
    match (e.date, e.date_end) {
        (Some(d), Some(end)) if end != d => format!("{d} to {end}"),
        (Some(d), _) => d.to_string(),
        (None, _) => "date unknown".into(),
    }
}

fn count_phrase(c: &sitrep_model::Count) -> Option<String> {
    match (c.min, c.max) {
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(format!("at least {a}")),
        (None, Some(b)) => Some(format!("up to {b}")),
        (None, None) => None,
    }
}

/// Writes the report.
pub fn write(input: &Input, opt: &Options) -> Result<Report, Error> {
    use Inline::{Cite, Quote, Strong, Text};
    let sc = &input.scope;
    if sc.from > sc.to {
        return Err(Error::EmptyPeriod { from: sc.from, to: sc.to });
    }
    let docs: HashMap<&str, &DocInfo> = input.docs.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    let mut cites = Citations::default();
    let mut b: Vec<Block> = Vec::new();

    let mut title = format!("Situation report, {} to {}", sc.from, sc.to);
    if let Some(c) = &sc.country {
        title.push_str(&format!(", country {c}"));
    }
    if let Some(a) = &sc.actor {
        title.push_str(&format!(", actor {a}"));
    }
    b.push(Block::Heading(1, title));

    // The tables count political violence: events with an ACLED type. Events with only a
    // PLOVER type (agreements, demands) are counted in the overview and listed nowhere else.
    let coded: Vec<&EventRecord> =
        input.events.iter().filter(|r| r.summary.event.event_type.is_some()).collect();

    // Overview.
    let mut total = Fatalities::default();
    let mut doc_set: Vec<&str> = Vec::new();
    let mut src_set: Vec<&str> = Vec::new();
    for r in &coded {
        total.add(r);
        for d in &r.summary.documents {
            if !doc_set.contains(&d.as_str()) {
                doc_set.push(d);
            }
        }
        for s in &r.summary.sources {
            if !src_set.contains(&s.as_str()) {
                src_set.push(s);
            }
        }
    }
    let mut overview = vec![Text(format!(
        "The database holds {} events with an ACLED type between {} and {}, reported in {} documents by {} \
         named sources.",
        coded.len(),
        sc.from,
        sc.to,
        doc_set.len(),
        src_set.len()
    ))];
    let plover_only = input.events.len() - coded.len();
    if plover_only > 0 {
        overview.push(Text(format!(
            " It also holds {plover_only} events with only a PLOVER type (statements, agreements, demands), \
             which the tables below leave out."
        )));
    }
    if total.known > 0 {
        overview.push(Text(format!(
            " Reported fatalities: low {}, best {}, high {}, over the {} events that give a figure",
            total.low, total.best, total.high, total.known
        )));
        overview.push(Text(if total.known < total.events {
            format!("; {} events give none.", total.events - total.known)
        } else {
            ".".into()
        }));
    } else if !coded.is_empty() {
        overview.push(Text(" No event gives a fatality figure.".into()));
    }
    b.push(Block::Para(overview));

    // Headline counts by actor pair and type.
    b.push(Block::Heading(2, "Events by actor pair and type".into()));
    let mut pairs: BTreeMap<(String, String, String), Fatalities> = BTreeMap::new();
    for r in &coded {
        let e = &r.summary.event;
        let key = (
            or_unknown(e.actor1.as_ref().map(|a| a.name.as_str())),
            e.actor2.as_ref().map_or_else(|| "none named".into(), |a| a.name.clone()),
            type_label(e),
        );
        pairs.entry(key).or_default().add(r);
    }
    let mut pair_rows: Vec<_> = pairs.into_iter().collect();
    pair_rows.sort_by(|a, b| b.1.events.cmp(&a.1.events).then_with(|| a.0.cmp(&b.0)));
    if pair_rows.is_empty() {
        b.push(Block::Para(vec![Text("No events in scope.".into())]));
    } else {
        let rows = pair_rows
            .iter()
            .map(|((a1, a2, ty), f)| {
                let [l, m, h] = f.cells();
                vec![a1.clone(), a2.clone(), ty.clone(), f.events.to_string(), l, m, h]
            })
            .collect();
        b.push(Block::Table(
            ["Actor 1", "Actor 2", "Type", "Events", "Fatalities low", "best", "high"]
                .map(String::from)
                .to_vec(),
            rows,
        ));
    }

    // By province.
    b.push(Block::Heading(2, "Events by province (admin1)".into()));
    let mut provinces: BTreeMap<(String, String), Fatalities> = BTreeMap::new();
    for r in &coded {
        let l = r.summary.event.location.as_ref();
        let key = (
            or_unknown(l.and_then(|l| l.country.as_deref())),
            or_unknown(l.and_then(|l| l.admin1.as_deref())),
        );
        provinces.entry(key).or_default().add(r);
    }
    if provinces.is_empty() {
        b.push(Block::Para(vec![Text("No events in scope.".into())]));
    } else {
        let rows = provinces
            .iter()
            .map(|((c, a), f)| {
                let [l, m, h] = f.cells();
                vec![c.clone(), a.clone(), f.events.to_string(), l, m, h]
            })
            .collect();
        b.push(Block::Table(
            ["Country", "Admin1", "Events", "Fatalities low", "best", "high"].map(String::from).to_vec(),
            rows,
        ));
    }

    // Timeline.
    b.push(Block::Heading(2, "Timeline".into()));
    let (svg, unit, undated) = timeline_svg(&coded, sc.from, sc.to);
    let mut tl = vec![Text(format!("Events per {unit}, by the first day of each event's window."))];
    if undated > 0 {
        tl.push(Text(format!(" {undated} events without a date are not drawn.")));
    }
    b.push(Block::Para(tl));
    b.push(Block::Chart(opt.timeline_href.clone()));

    // Key events.
    b.push(Block::Heading(2, "Key events".into()));
    let mut top: Vec<&EventRecord> = coded.clone();
    top.sort_by(|x, y| {
        let (ex, ey) = (&x.summary, &y.summary);
        ey.estimate
            .best
            .cmp(&ex.estimate.best)
            .then_with(|| ey.sources.len().cmp(&ex.sources.len()))
            .then_with(|| ex.event.date.cmp(&ey.event.date))
            // Keys derive from content; ids from the order of ingest, which may vary.
            .then_with(|| ex.key.cmp(&ey.key))
    });
    top.truncate(opt.top);
    if top.is_empty() {
        b.push(Block::Para(vec![Text("No events in scope.".into())]));
    }
    let mut items = Vec::new();
    for r in top {
        let s = &r.summary;
        let e = &s.event;
        let mut it = vec![
            Strong(dates(e)),
            Text(format!(", {}: {}", place(e), type_label(e))),
            Text(match (&e.actor1, &e.actor2) {
                (Some(a), Some(v)) => format!(", {} against {}.", a.name, v.name),
                (Some(a), None) => format!(", by {}.", a.name),
                (None, Some(v)) => format!(", against {}; perpetrator not named.", v.name),
                (None, None) => ", actors not named.".into(),
            }),
        ];
        if let Some(c) = &e.claimed_by {
            it.push(Text(format!(" Claimed by {}.", c.name)));
        }
        it.push(Text(match (s.estimate.low, s.estimate.best, s.estimate.high) {
            (None, None, None) => " Fatalities: no figure reported.".into(),
            (l, m, h) => format!(
                " Fatalities: best {} (low {}, high {}).",
                or_unknown(m.map(|x| x.to_string()).as_deref()),
                or_unknown(l.map(|x| x.to_string()).as_deref()),
                or_unknown(h.map(|x| x.to_string()).as_deref())
            ),
        }));
        if let Some(inj) = count_phrase(&e.injured) {
            it.push(Text(format!(" Injured: {inj}.")));
        }
        let figures: Vec<String> = s
            .per_source
            .iter()
            .filter_map(|f| {
                count_phrase(&f.fatalities)
                    .map(|c| format!("{} {}", f.source.as_deref().unwrap_or(&f.doc_id), c))
            })
            .collect();
        if s.per_source.len() > 1 && !figures.is_empty() {
            it.push(Text(format!(" Per source: {}.", figures.join("; "))));
        }
        if let Some(st) = r.status() {
            it.push(Text(format!(" Analyst review: {st}.")));
        }
        it.push(Text(format!(" Event {}; sources", r.id)));
        for d in &s.documents {
            it.push(Text(" ".into()));
            it.push(Cite(cites.cite(d)));
        }
        it.push(Text(".".into()));
        items.push(it);
    }
    if !items.is_empty() {
        b.push(Block::List(items));
    }

    // Contested claims.
    b.push(Block::Heading(2, "Contested claims".into()));
    let pairs = contested(&input.statements);
    if pairs.is_empty() {
        b.push(Block::Para(vec![Text(
            "No stored statement rejects or denies another party's figure, accusation or claim.".into(),
        )]));
    }
    let mut items = Vec::new();
    for (claim, answer) in pairs {
        let mut it = Vec::new();
        for (k, row) in [(0, &input.statements[claim]), (1, &input.statements[answer])] {
            let s = &row.statement;
            if k == 1 {
                it.push(Text(" — ".into()));
            }
            it.push(Strong(s.speaker.name.clone()));
            it.push(Text(format!(" ({}) {}", party(s, &row.doc), kind_verb(s.kind))));
            if let Some(t) = &s.target {
                it.push(Text(match s.kind {
                    StatementKind::ClaimResponsibility
                    | StatementKind::AssertFigure
                    | StatementKind::Other => {
                        format!(" (about {})", t.name)
                    }
                    _ => format!(" {}", t.name),
                }));
            }
            if !s.figures.is_empty() {
                it.push(Text(format!(", figures: {}", s.figures.join(", "))));
            }
            match (&s.quote, opt.quotes) {
                (Some(q), true) => {
                    it.push(Text(": ".into()));
                    it.push(Quote(q.clone()));
                }
                _ => {
                    if let (Some(first), Some(last)) = (s.evidence.first(), s.evidence.last()) {
                        it.push(Text(format!(" (characters {}–{})", first.start, last.end)));
                    }
                }
            }
            it.push(Text(" ".into()));
            it.push(Cite(cites.cite(&row.doc.doc_id)));
            it.push(Text(".".into()));
        }
        items.push(it);
    }
    if !items.is_empty() {
        b.push(Block::List(items));
    }

    // Reported tallies against the data.
    b.push(Block::Heading(2, "Reported tallies against the data".into()));
    if input.tallies.is_empty() {
        b.push(Block::Para(vec![Text(
            "No stored document reports a tally of events in this period.".into(),
        )]));
    }
    let mut items = Vec::new();
    for row in &input.tallies {
        let t = &row.tally;
        let who = row.doc.source.clone().unwrap_or_else(|| format!("Document {}", row.doc.doc_id));
        let aff = row.doc.affiliation.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
        let what = t
            .sub_event_type
            .map(|x| x.as_str())
            .or(t.event_type.map(|x| x.as_str()))
            .map_or_else(|| "events".to_string(), |x| format!("events of type {x}"));
        let mut s = format!("{who}{aff} reports {} {what}", t.count);
        if let Some(a) = &t.actor1 {
            s.push_str(&format!(" by {}", a.name));
        }
        if let Some(a) = &t.actor2 {
            s.push_str(&format!(" against {}", a.name));
        }
        if !t.locations.is_empty() {
            let names: Vec<&str> = t.locations.iter().map(|l| l.name.as_str()).collect();
            s.push_str(&format!(" in {}", names.join(", ")));
        }
        match (t.date, t.date_end) {
            (Some(d), Some(e)) if e != d => s.push_str(&format!(" between {d} and {e}")),
            (Some(d), _) => s.push_str(&format!(" on {d}")),
            _ => {}
        }
        let mut it = vec![Text(s), Text(" ".into()), Cite(cites.cite(&row.doc.doc_id))];
        match tally_matches(t, &input.tally_events) {
            None => it.push(Text("; it gives no period, so it is not checked against the data.".into())),
            Some(m) => {
                let n = m.len();
                let listed: Vec<String> = m
                    .iter()
                    .take(12)
                    .map(|r| {
                        format!("event {} ({}, {})", r.id, dates(&r.summary.event), place(&r.summary.event))
                    })
                    .collect();
                let mut tail =
                    format!("; the database holds {n} distinct {}", if n == 1 { "one" } else { "ones" });
                if n > 0 {
                    tail.push_str(&format!(": {}", listed.join("; ")));
                    if n > listed.len() {
                        tail.push_str(&format!("; and {} more", n - listed.len()));
                    }
                }
                tail.push('.');
                it.push(Text(tail));
            }
        }
        items.push(it);
    }
    if !items.is_empty() {
        b.push(Block::List(items));
    }

    // References.
    b.push(Block::Heading(2, "Sources".into()));
    if cites.order.is_empty() {
        b.push(Block::Para(vec![Text("No documents cited.".into())]));
    }
    let mut refs = Vec::new();
    for (i, id) in cites.order.iter().enumerate() {
        let mut it = vec![Text(format!("[{}] Document {id}", i + 1))];
        match docs.get(id.as_str()) {
            None => it.push(Text(": not in the database.".into())),
            Some(d) => {
                it.push(Text(format!(
                    ", {}; affiliation {}",
                    d.source.as_deref().unwrap_or("source not named"),
                    or_unknown(d.affiliation.as_deref())
                )));
                if let Some(k) = &d.source_kind {
                    it.push(Text(format!("; kind {k}")));
                }
                it.push(Text(format!("; published {}", or_unknown(d.published.as_deref()))));
                if opt.quotes
                    && let Some(t) = &d.title
                {
                    it.push(Text("; ".into()));
                    it.push(Quote(t.clone()));
                }
                if let Some(u) = &d.url {
                    it.push(Text(format!("; {u}")));
                }
                it.push(Text(".".into()));
            }
        }
        refs.push(it);
    }
    if !refs.is_empty() {
        b.push(Block::Refs(refs));
    }
    Ok(Report { blocks: b, timeline_svg: svg })
}

#[cfg(test)]
mod tests;
