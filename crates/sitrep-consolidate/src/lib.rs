//! sitrep's consolidation: one event however many sources report it.
//!
//! - In: event mentions (`sitrep_model::Event`s, each with its document, source and stable key),
//!   optionally the clusters an earlier run made, and the merge rules in `data/consolidate/rules.toml`.
//! - Out: clusters of mentions, each with the reasons every mention joined, and a summary: the
//!   consolidated event, low/best/high fatalities across sources and each source's own figure.
//! - Never: SQL, I/O or NLP; never drops a mention; never merges two events in different towns,
//!   nor two events one document reports separately (unless the two records are identical).
//!
//! Clustering is incremental and greedy: each new mention joins the best-scoring existing cluster
//! whose every member it is compatible with (complete linkage, so a chain of near matches cannot
//! pull distinct attacks together, the failure of one-a-day filters), or starts a new one.
//! Earlier clusters are never split by a later mention, so event ids stay stable as documents
//! arrive.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use sitrep_model::{
    AcledSubEventType, ActorRef, Count, DatePrecision, Event, GeoPrecision, Location, PloverType,
};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The rules file does not parse or names a type no codebook has: fix the file.
    #[error("data/consolidate/rules.toml: {0}")]
    Rules(String),
}

/// One extracted event as reported by one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Stable across re-ingest: the document's content hash and the event's position in it.
    pub key: String,
    pub doc_id: String,
    /// The source's name (or handle) as the store knows it.
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    pub event: Event,
}

#[derive(Deserialize)]
struct RulesFile {
    min_score: i32,
    undated_window_days: u64,
    compatible_sub_event_types: Vec<[String; 2]>,
    compatible_plover_types: Vec<[String; 2]>,
    wildcard_actors: Vec<String>,
}

/// The merge rules, compiled from `data/consolidate/rules.toml`.
#[derive(Debug, Clone)]
pub struct Rules {
    pub min_score: i32,
    pub undated_window_days: u64,
    sub_pairs: HashSet<(AcledSubEventType, AcledSubEventType)>,
    plover_pairs: HashSet<(PloverType, PloverType)>,
    wildcards: HashSet<String>,
}

impl Rules {
    /// The rules that ship with sitrep.
    pub fn embedded() -> Result<Rules, Error> {
        Rules::parse(include_str!("../../../data/consolidate/rules.toml"))
    }

    pub fn parse(text: &str) -> Result<Rules, Error> {
        let f: RulesFile = toml::from_str(text).map_err(|e| Error::Rules(e.to_string()))?;
        let mut sub_pairs = HashSet::new();
        for [a, b] in &f.compatible_sub_event_types {
            let a: AcledSubEventType =
                a.parse().map_err(|e: sitrep_model::UnknownValue| Error::Rules(e.to_string()))?;
            let b: AcledSubEventType =
                b.parse().map_err(|e: sitrep_model::UnknownValue| Error::Rules(e.to_string()))?;
            if !sub_pairs.insert((a, b)) || !sub_pairs.insert((b, a)) {
                return Err(Error::Rules(format!("pair {a} / {b} is listed twice")));
            }
        }
        let mut plover_pairs = HashSet::new();
        for [a, b] in &f.compatible_plover_types {
            let a: PloverType =
                a.parse().map_err(|e: sitrep_model::UnknownValue| Error::Rules(e.to_string()))?;
            let b: PloverType =
                b.parse().map_err(|e: sitrep_model::UnknownValue| Error::Rules(e.to_string()))?;
            plover_pairs.insert((a, b));
            plover_pairs.insert((b, a));
        }
        let mut wildcards = HashSet::new();
        for w in &f.wildcard_actors {
            if !wildcards.insert(w.to_lowercase()) {
                return Err(Error::Rules(format!("wildcard actor {w:?} is listed twice")));
            }
        }
        Ok(Rules {
            min_score: f.min_score,
            undated_window_days: f.undated_window_days,
            sub_pairs,
            plover_pairs,
            wildcards,
        })
    }

    fn is_wildcard(&self, a: &ActorRef) -> bool {
        // This runs several times per candidate pair: an ASCII name is lowered on the stack
        // (every wildcard is shorter than 64 bytes); only other names allocate.
        let name = a.name.as_bytes();
        if name.is_ascii() && name.len() <= 64 {
            let mut buf = [0u8; 64];
            let low = &mut buf[..name.len()];
            low.copy_from_slice(name);
            low.make_ascii_lowercase();
            return std::str::from_utf8(low).is_ok_and(|s| self.wildcards.contains(s));
        }
        self.wildcards.contains(&a.name.to_lowercase())
    }
}

/// Why two mentions may (or may not) be the same event.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Match { score: i32, reasons: Vec<String> },
    Veto(String),
}

/// The days a mention's event may have happened on, inclusive.
pub fn window(m: &Mention, rules: &Rules) -> Option<(NaiveDate, NaiveDate)> {
    let e = &m.event;
    window_of(
        &Dating { date: e.date, date_end: e.date_end, date_precision: e.date_precision },
        m.published,
        rules,
    )
}

/// The fields of an event that date it: what [`window`] reads. It deserializes from an event's
/// JSON, skipping the rest, for a caller that needs the windows of many stored mentions but not
/// the mentions themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Dating {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub date_end: Option<NaiveDate>,
    #[serde(default)]
    pub date_precision: Option<DatePrecision>,
}

/// [`window`] of an event dated so, published on `published`.
pub fn window_of(e: &Dating, published: Option<NaiveDate>, rules: &Rules) -> Option<(NaiveDate, NaiveDate)> {
    let Some(d) = e.date else {
        let p = published?;
        return Some((p.checked_sub_days(Days::new(rules.undated_window_days))?, p));
    };
    Some(match e.date_precision.unwrap_or(DatePrecision::Day) {
        DatePrecision::Day => (d, d),
        DatePrecision::Range => (d, e.date_end.unwrap_or(d).max(d)),
        DatePrecision::Week => (d, e.date_end.unwrap_or(d + Days::new(6)).max(d)),
        DatePrecision::Month => {
            let first = d.with_day(1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            (first, next.pred_opt()?)
        }
        DatePrecision::Year => {
            (NaiveDate::from_ymd_opt(d.year(), 1, 1)?, NaiveDate::from_ymd_opt(d.year(), 12, 31)?)
        }
    })
}

/// Equal up to surrounding space and ASCII letter case, without allocating (this runs for every
/// candidate pair).
fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A reason or veto text, built only when the caller wants the explanation.
fn txt(on: bool, f: impl FnOnce() -> String) -> String {
    if on { f() } else { String::new() }
}

fn place_label(l: &Location) -> String {
    match l.geonameid {
        Some(g) => format!("{} ({g})", l.name),
        None => l.name.clone(),
    }
}

fn same_opt(a: &Option<String>, b: &Option<String>) -> Option<bool> {
    match (a, b) {
        (Some(a), Some(b)) => Some(same_text(a, b)),
        _ => None,
    }
}

/// Compares two places: Ok(score, reason) or Err(veto reason).
fn compare_places(a: &Location, b: &Location, on: bool) -> Result<(i32, String), String> {
    if same_opt(&a.country, &b.country) == Some(false) {
        return Err(txt(on, || format!("different countries: {} / {}", place_label(a), place_label(b))));
    }
    let same_id = matches!((a.geonameid, b.geonameid), (Some(x), Some(y)) if x == y);
    let same_name = same_text(&a.name, &b.name) && same_opt(&a.admin1, &b.admin1) != Some(false);
    if same_id || (a.precision == b.precision && same_name) {
        return Ok((3, txt(on, || format!("same place: {}", place_label(a)))));
    }
    // Order so that `fine` is the more precise of the two.
    let (fine, coarse) = if a.precision <= b.precision { (a, b) } else { (b, a) };
    match (fine.precision, coarse.precision) {
        (GeoPrecision::Town, GeoPrecision::Town) => {
            Err(txt(on, || format!("different towns: {} / {}", place_label(a), place_label(b))))
        }
        (_, GeoPrecision::District) if fine.precision != GeoPrecision::District => {
            let district = coarse.admin2.as_ref().unwrap_or(&coarse.name);
            match fine.admin2.as_ref().map(|d| same_text(d, district)) {
                Some(true) => {
                    Ok((1, txt(on, || format!("{} is in district {}", place_label(fine), district))))
                }
                _ => Err(txt(on, || {
                    format!("{} is not in district {}", place_label(fine), place_label(coarse))
                })),
            }
        }
        (GeoPrecision::District, GeoPrecision::District) => {
            Err(txt(on, || format!("different districts: {} / {}", place_label(a), place_label(b))))
        }
        (_, GeoPrecision::Province) if fine.precision != GeoPrecision::Province => {
            let province = coarse.admin1.as_ref().unwrap_or(&coarse.name);
            match fine.admin1.as_ref().map(|p| same_text(p, province)) {
                Some(true) => {
                    Ok((1, txt(on, || format!("{} is in province {}", place_label(fine), province))))
                }
                _ => Err(txt(on, || {
                    format!("{} is not in province {}", place_label(fine), place_label(coarse))
                })),
            }
        }
        (GeoPrecision::Province, GeoPrecision::Province) => {
            Err(txt(on, || format!("different provinces: {} / {}", place_label(a), place_label(b))))
        }
        (_, GeoPrecision::Country) => {
            Ok((0, txt(on, || format!("{} is in country {}", place_label(fine), place_label(coarse)))))
        }
        _ => Err(txt(on, || format!("places differ: {} / {}", place_label(a), place_label(b)))),
    }
}

fn actor_matches(a: &ActorRef, b: &ActorRef) -> bool {
    fn names(x: &ActorRef) -> [Option<&str>; 2] {
        [Some(x.name.as_str()), x.text.as_deref()]
    }
    names(a).into_iter().flatten().any(|x| names(b).into_iter().flatten().any(|y| same_text(x, y)))
}

/// Whether mentions `a` and `b` may describe one event, with a score and the reasons.
pub fn compare(a: &Mention, b: &Mention, rules: &Rules) -> Verdict {
    judge(a, b, rules, true)
}

/// `compare`; with `on` false, no reason text is built (the verdict and score are the same).
fn judge(a: &Mention, b: &Mention, rules: &Rules, on: bool) -> Verdict {
    judge_with(a, window(a, rules), b, rules, on)
}

/// `judge` with `a`'s window already known (it is one mention against many).
fn judge_with(
    a: &Mention,
    a_window: Option<(NaiveDate, NaiveDate)>,
    b: &Mention,
    rules: &Rules,
    on: bool,
) -> Verdict {
    let (ea, eb) = (&a.event, &b.event);
    let mut reasons = Vec::new();
    let mut why = |f: &dyn Fn() -> String| {
        if on {
            reasons.push(f());
        }
    };
    let mut score = 0;
    if a.doc_id == b.doc_id && a.key != b.key {
        let mut x = ea.clone();
        let mut y = eb.clone();
        x.evidence.clear();
        y.evidence.clear();
        x.confidence = 0.0;
        y.confidence = 0.0;
        if x != y {
            return Verdict::Veto(txt(on, || {
                format!("document {} reports them as separate events", a.doc_id)
            }));
        }
        why(&|| format!("identical records in document {}", a.doc_id));
        score += 2;
    }
    // Type.
    match (ea.sub_event_type, eb.sub_event_type) {
        (Some(x), Some(y)) if x == y => {
            score += 2;
            why(&|| format!("same sub-event type: {x}"));
        }
        (Some(x), Some(y)) if rules.sub_pairs.contains(&(x, y)) => {
            score += 1;
            why(&|| format!("compatible sub-event types: {x} / {y}"));
        }
        (Some(x), Some(y)) => return Verdict::Veto(txt(on, || format!("sub-event types differ: {x} / {y}"))),
        _ => match (ea.event_type, eb.event_type) {
            (Some(x), Some(y)) if x != y => {
                return Verdict::Veto(txt(on, || format!("event types differ: {x} / {y}")));
            }
            (Some(x), Some(_)) => {
                score += 1;
                why(&|| format!("same event type: {x}"));
            }
            _ => {
                let (x, y) = (ea.plover.kind, eb.plover.kind);
                if x == y {
                    score += 1;
                    why(&|| format!("same PLOVER type: {x}"));
                } else if rules.plover_pairs.contains(&(x, y)) {
                    why(&|| format!("compatible PLOVER types: {x} / {y}"));
                } else {
                    return Verdict::Veto(txt(on, || format!("PLOVER types differ: {x} / {y}")));
                }
            }
        },
    }
    // Date.
    match (a_window, window(b, rules)) {
        (Some((s1, e1)), Some((s2, e2))) => {
            if e1 < s2 || e2 < s1 {
                return Verdict::Veto(txt(on, || format!("dates do not overlap: {s1}..{e1} / {s2}..{e2}")));
            }
            if s1 == e1 && s2 == e2 {
                score += 2;
                why(&|| format!("same day: {s1}"));
            } else {
                score += 1;
                why(&|| format!("dates overlap: {}..{}", s1.max(s2), e1.min(e2)));
            }
        }
        _ => {
            return Verdict::Veto(txt(on, || {
                "a report has neither an event date nor a publication date".into()
            }));
        }
    }
    // Place.
    match (&ea.location, &eb.location) {
        (Some(x), Some(y)) => match compare_places(x, y, on) {
            Ok((s, r)) => {
                score += s;
                why(&|| r.clone());
            }
            Err(r) => return Verdict::Veto(r),
        },
        _ => why(&|| "place unknown in one report".into()),
    }
    // Actors. Sources name victims differently ("civilians", "apostates"), so only two
    // conflicting perpetrators veto: each report names who acted, and neither of them appears
    // anywhere in the other report. Two reports that both name both sides, disjointly, veto too.
    // Each side's named actors (actor1, actor2, claimed_by; None for a wildcard), on the stack:
    // this runs for every candidate pair.
    fn named<'e>(e: &'e Event, rules: &Rules) -> [Option<&'e ActorRef>; 3] {
        [&e.actor1, &e.actor2, &e.claimed_by].map(|a| a.as_ref().filter(|x| !rules.is_wildcard(x)))
    }
    let (xa, xb) = (named(ea, rules), named(eb, rules));
    // Who acted: actor1 and claimed_by.
    let (pa, pb) = ([xa[0], xa[2]], [xb[0], xb[2]]);
    let meets = |p: &[Option<&ActorRef>], all: &[Option<&ActorRef>]| {
        p.iter().flatten().any(|x| all.iter().flatten().any(|y| actor_matches(x, y)))
    };
    let full = |x: &[Option<&ActorRef>; 3]| x[0].is_some() && x[1].is_some();
    // Names of a's actors that b names too, consecutive repeats counted once.
    let mut common = 0usize;
    let mut common_names: Vec<&str> = Vec::new();
    let mut last: Option<&str> = None;
    for x in xa.iter().flatten().filter(|x| xb.iter().flatten().any(|y| actor_matches(x, y))) {
        if last != Some(x.name.as_str()) {
            common += 1;
            if on {
                common_names.push(x.name.as_str());
            }
        }
        last = Some(x.name.as_str());
    }
    if common == 0
        && pa.iter().any(Option::is_some)
        && pb.iter().any(Option::is_some)
        && !meets(&pa, &xb)
        && !meets(&pb, &xa)
    {
        let names = |v: &[Option<&ActorRef>]| {
            v.iter().flatten().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ")
        };
        return Verdict::Veto(txt(on, || format!("perpetrators differ: {} / {}", names(&pa), names(&pb))));
    }
    if common == 0 && full(&xa) && full(&xb) {
        return Verdict::Veto(txt(on, || "no actor in common".into()));
    }
    if common > 0 {
        score += 2 * common.min(2) as i32;
        why(&|| format!("actors agree: {}", common_names.join(", ")));
    }
    // Figures: a loose agreement adds confidence but disagreement never vetoes (sources differ).
    if let (Some(x), Some(y)) = (figure(&ea.fatalities), figure(&eb.fatalities))
        && x.max(y) <= 2 * x.min(y).max(1)
    {
        score += 1;
        why(&|| format!("fatality figures close: {x} / {y}"));
    }
    Verdict::Match { score, reasons }
}

/// The one number a report gives: its lower bound ("at least six" is 6), else its upper bound.
pub fn figure(c: &Count) -> Option<u32> {
    c.min.or(c.max)
}

/// How a mention joined its cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub mention: String,
    /// The member it matched best; None for the mention that started the cluster.
    pub matched: Option<String>,
    pub score: i32,
    pub reasons: Vec<String>,
}

/// A set of mentions told to be one event.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub mentions: Vec<Mention>,
    pub links: Vec<Link>,
    window: Option<(NaiveDate, NaiveDate)>,
}

/// Low/best/high fatalities across sources, in the manner of UCDP GED.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub low: Option<u32>,
    pub best: Option<u32>,
    pub high: Option<u32>,
}

/// One source's own figure for the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFigure {
    pub source: Option<String>,
    pub doc_id: String,
    pub mention: String,
    pub fatalities: Count,
    pub injured: Count,
}

/// Low/best/high over the reports' counts.
///
/// - low: the smallest lower bound any report gives (a report with only an upper bound counts
///   with that bound);
/// - high: the largest figure any report gives (its upper bound, else its lower bound);
/// - best: the median over sources of each source's figure, where a source's figure is the
///   largest lower bound it reported (tolls rise with updates, so a wire's last figure is its
///   best); with an even number of sources the lower of the two middle values, so that best is
///   always a figure some source gave. Unknown counts (null) take no part; all unknown gives
///   all None, never 0.
pub fn estimate<'a>(figures: impl IntoIterator<Item = (Option<&'a str>, &'a Count)>) -> Estimate {
    let mut low: Option<u32> = None;
    let mut high: Option<u32> = None;
    let mut per_source: BTreeMap<Option<&str>, u32> = BTreeMap::new();
    let mut anonymous = Vec::new();
    for (source, c) in figures {
        let Some(f) = figure(c) else { continue };
        low = Some(low.map_or(f, |l| l.min(f)));
        let top = c.max.unwrap_or(f).max(f);
        high = Some(high.map_or(top, |h| h.max(top)));
        match source {
            Some(_) => {
                let e = per_source.entry(source).or_insert(f);
                *e = (*e).max(f);
            }
            None => anonymous.push(f),
        }
    }
    let mut all: Vec<u32> = per_source.into_values().chain(anonymous).collect();
    all.sort_unstable();
    let best = if all.is_empty() { None } else { Some(all[(all.len() - 1) / 2]) };
    Estimate { low, best, high }
}

/// What the store and the CLI show of a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Stable key: the smallest mention key. A review is anchored on it.
    pub key: String,
    pub event: Event,
    pub estimate: Estimate,
    pub per_source: Vec<SourceFigure>,
    pub documents: Vec<String>,
    pub sources: Vec<String>,
}

fn precision_rank(e: &Event) -> (u8, u8, u8) {
    let geo = e.location.as_ref().map_or(9, |l| l.precision.acled_code());
    let date = match e.date_precision {
        Some(DatePrecision::Day) => 0,
        Some(DatePrecision::Range) => 1,
        Some(DatePrecision::Week) => 2,
        Some(DatePrecision::Month) => 3,
        Some(DatePrecision::Year) => 4,
        None if e.date.is_some() => 0,
        None => 9,
    };
    let types = u8::from(e.sub_event_type.is_none());
    (geo, date, types)
}

/// The most common value among some, ties broken by first seen (the most precise mention first).
fn most_common<T: Clone + PartialEq>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let max = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(v, _)| v)
}

impl Cluster {
    pub fn key(&self) -> String {
        self.mentions.iter().map(|m| m.key.as_str()).min().unwrap_or_default().to_string()
    }

    /// The consolidated event: each field from the most precise report, types and actors by
    /// majority, the date window the intersection of the reports' windows, fatalities low..high.
    pub fn summary(&self, rules: &Rules) -> Option<Summary> {
        let mut order: Vec<&Mention> = self.mentions.iter().collect();
        order.sort_by_key(|m| {
            (precision_rank(&m.event), std::cmp::Reverse((m.event.confidence * 1000.0) as i64))
        });
        let first = order.first()?;
        let mut event = first.event.clone();
        event.sub_event_type = most_common(order.iter().filter_map(|m| m.event.sub_event_type));
        event.event_type = event
            .sub_event_type
            .map(|s| s.event_type())
            .or_else(|| most_common(order.iter().filter_map(|m| m.event.event_type)));
        event.location = order.iter().find_map(|m| m.event.location.clone());
        for (slot, pick) in [
            (&mut event.actor1, (|e: &Event| e.actor1.clone()) as fn(&Event) -> Option<ActorRef>),
            (&mut event.actor2, |e: &Event| e.actor2.clone()),
            (&mut event.claimed_by, |e: &Event| e.claimed_by.clone()),
        ] {
            let named =
                most_common(order.iter().filter_map(|m| pick(&m.event)).filter(|a| !rules.is_wildcard(a)));
            *slot = named.or_else(|| order.iter().find_map(|m| pick(&m.event)));
        }
        if let Some((s, e)) = self.window {
            event.date = Some(s);
            if s == e {
                event.date_end = None;
                event.date_precision = Some(DatePrecision::Day);
            } else if first.event.date_precision.is_some_and(|p| p != DatePrecision::Range)
                && first.event.date.is_some()
            {
                // The most precise report's own precision (week, month, year) describes the window.
            } else {
                event.date_end = Some(e);
                event.date_precision = Some(DatePrecision::Range);
            }
        }
        let estimate = estimate(self.mentions.iter().map(|m| (m.source.as_deref(), &m.event.fatalities)));
        let inj = estimate_count(self.mentions.iter().map(|m| (m.source.as_deref(), &m.event.injured)));
        event.fatalities = Count { min: estimate.low, max: estimate.high };
        event.injured = inj;
        event.background = self.mentions.iter().all(|m| m.event.background);
        // Independent reports raise confidence: 1 - Π(1 - c).
        let miss: f32 = self.mentions.iter().map(|m| 1.0 - m.event.confidence.clamp(0.0, 1.0)).product();
        event.confidence = 1.0 - miss;
        let mut documents: Vec<String> = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for m in &self.mentions {
            if !documents.contains(&m.doc_id) {
                documents.push(m.doc_id.clone());
            }
            if let Some(s) = &m.source
                && !sources.contains(s)
            {
                sources.push(s.clone());
            }
        }
        let per_source = self
            .mentions
            .iter()
            .map(|m| SourceFigure {
                source: m.source.clone(),
                doc_id: m.doc_id.clone(),
                mention: m.key.clone(),
                fatalities: m.event.fatalities,
                injured: m.event.injured,
            })
            .collect();
        Some(Summary { key: self.key(), event, estimate, per_source, documents, sources })
    }
}

fn estimate_count<'a>(figures: impl IntoIterator<Item = (Option<&'a str>, &'a Count)>) -> Count {
    let e = estimate(figures);
    Count { min: e.low, max: e.high }
}

/// Clusters mentions incrementally. Seed it with the clusters of an earlier run, then add the
/// new mentions: existing clusters only grow.
pub struct Consolidator {
    rules: Rules,
    clusters: Vec<Cluster>,
    /// (month as year*12+month0, country) -> clusters whose window touches the month and that
    /// have a member in the country (None: a member without a country).
    by_month: HashMap<(i32, Option<String>), Vec<usize>>,
    /// Month -> every cluster touching it, for mentions without a country.
    by_month_all: HashMap<i32, Vec<usize>>,
    /// What is already in the indexes, so that re-indexing a grown cluster is cheap.
    indexed: HashSet<(usize, i32, Option<String>)>,
    /// The same for `by_month_all`.
    indexed_all: HashSet<(usize, i32)>,
}

/// The country a mention is indexed under: upper case, trimmed; None when unknown.
pub fn country(m: &Mention) -> Option<String> {
    country_key(m.event.location.as_ref().and_then(|l| l.country.as_deref()))
}

/// [`country`] of a location's country field.
pub fn country_key(c: Option<&str>) -> Option<String> {
    c.map(|c| c.trim().to_uppercase())
}

fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

impl Consolidator {
    pub fn new(rules: Rules) -> Self {
        Consolidator {
            rules,
            clusters: Vec::new(),
            by_month: HashMap::new(),
            by_month_all: HashMap::new(),
            indexed: HashSet::new(),
            indexed_all: HashSet::new(),
        }
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    pub fn into_clusters(self) -> Vec<Cluster> {
        self.clusters
    }

    fn index(&mut self, i: usize) {
        let c = &self.clusters[i];
        let Some((s, e)) = c.window else { return };
        let mut countries: Vec<Option<String>> = c.mentions.iter().map(country).collect();
        countries.sort();
        countries.dedup();
        for m in month_index(s)..=month_index(e) {
            if self.indexed_all.insert((i, m)) {
                self.by_month_all.entry(m).or_default().push(i);
            }
            for k in &countries {
                if self.indexed.insert((i, m, k.clone())) {
                    self.by_month.entry((m, k.clone())).or_default().push(i);
                }
            }
        }
    }

    /// Adds a cluster an earlier run made, as it is (its links kept). Returns its index.
    pub fn seed(&mut self, mentions: Vec<Mention>, links: Vec<Link>) -> usize {
        let window = cluster_window(&mentions, &self.rules);
        self.clusters.push(Cluster { mentions, links, window });
        let i = self.clusters.len() - 1;
        self.index(i);
        i
    }

    /// Places a batch of new mentions, the most precise first, so that a vague report ("earlier
    /// this month in Kabul province") joins an event that precise reports have already formed
    /// instead of seeding one that a near miss then joins. Returns each mention's cluster, in
    /// the order given.
    pub fn add_batch(&mut self, batch: Vec<Mention>) -> Vec<usize> {
        // The batch is permuted in its own buffer, last first, and popped, the buffer shrinking
        // as it empties: a sorted copy doubled the peak memory of a large pass (the mentions
        // also move into their clusters).
        let mut batch = batch;
        let n = batch.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&x, &y| {
            let (a, b) = (&batch[x], &batch[y]);
            precision_rank(&b.event)
                .cmp(&precision_rank(&a.event))
                .then_with(|| b.key.cmp(&a.key))
                .then_with(|| y.cmp(&x))
        });
        // Cycle by cycle: position k takes the mention at order[k].
        let mut done = vec![false; n];
        for start in 0..n {
            let mut k = start;
            while !done[k] {
                done[k] = true;
                let src = order[k];
                if src == start {
                    break;
                }
                batch.swap(k, src);
                k = src;
            }
        }
        drop(done);
        let mut out = vec![0; n];
        let mut mark = n / 2;
        while let Some(m) = batch.pop() {
            out[order[batch.len()]] = self.add(m);
            if batch.len() < mark {
                batch.shrink_to_fit();
                mark = batch.len() / 2;
            }
        }
        out
    }

    /// Places one mention: into the best compatible cluster, or a new one. Returns its index.
    pub fn add(&mut self, m: Mention) -> usize {
        let w = window(&m, &self.rules);
        let c = country(&m);
        let mut candidates: Vec<usize> = Vec::new();
        if let Some((s, e)) = w {
            for k in month_index(s)..=month_index(e) {
                match &c {
                    Some(_) => {
                        for key in [(k, c.clone()), (k, None)] {
                            candidates.extend(self.by_month.get(&key).into_iter().flatten().copied());
                        }
                    }
                    None => candidates.extend(self.by_month_all.get(&k).into_iter().flatten().copied()),
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        // (mean score, size), cluster, best member, its score.
        let mut best: Option<((i32, usize), usize, usize, i32)> = None;
        'clusters: for ci in candidates {
            let c = &self.clusters[ci];
            // A cluster's window is the intersection of its members'; one the mention's window
            // misses has a member it misses (Helly, in one dimension), which judge vetoes. Most
            // candidates of a month bucket end here, without judging a member.
            if let (Some((s, e)), Some((cs, ce))) = (w, c.window)
                && (e < cs || ce < s)
            {
                continue;
            }
            let mut total = 0;
            let mut top: Option<(i32, usize)> = None;
            for (mi, other) in c.mentions.iter().enumerate() {
                match judge_with(&m, w, other, &self.rules, false) {
                    Verdict::Veto(_) => continue 'clusters,
                    Verdict::Match { score, .. } => {
                        total += score;
                        if top.is_none_or(|(s, _)| score > s) {
                            top = Some((score, mi));
                        }
                    }
                }
            }
            let Some((top_score, mi)) = top else { continue };
            if top_score < self.rules.min_score {
                continue;
            }
            // Mean score over members, so a big cluster does not win by size alone.
            let mean = (total / c.mentions.len() as i32, c.mentions.len());
            if best.as_ref().is_none_or(|(s, ..)| mean > *s) {
                best = Some((mean, ci, mi, top_score));
            }
        }
        // Only the winning pair's reasons are written out.
        let best = best.map(|(mean, ci, mi, score)| {
            let other = &self.clusters[ci].mentions[mi];
            let reasons = match compare(&m, other, &self.rules) {
                Verdict::Match { reasons, .. } => reasons,
                Verdict::Veto(v) => vec![v],
            };
            (mean, ci, Link { mention: m.key.clone(), matched: Some(other.key.clone()), score, reasons })
        });
        match best {
            Some((_, ci, link)) => {
                let c = &mut self.clusters[ci];
                c.mentions.push(m);
                c.links.push(link);
                c.window = cluster_window(&c.mentions, &self.rules);
                self.index(ci);
                ci
            }
            None => {
                let link = Link {
                    mention: m.key.clone(),
                    matched: None,
                    score: 0,
                    reasons: vec!["first report".into()],
                };
                self.seed(vec![m], vec![link])
            }
        }
    }
}

/// What places a mention, or an earlier cluster, among the others: its countries (None for a
/// member without one) and its window. A cluster's window is the intersection of its members'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footprint {
    pub countries: Vec<Option<String>>,
    pub window: Option<(NaiveDate, NaiveDate)>,
}

impl Footprint {
    pub fn of_mention(m: &Mention, rules: &Rules) -> Footprint {
        Footprint { countries: vec![country(m)], window: window(m, rules) }
    }

    pub fn of_cluster<'a>(
        members: impl IntoIterator<Item = &'a Mention> + Clone,
        rules: &Rules,
    ) -> Footprint {
        let mut countries: Vec<Option<String>> = members.clone().into_iter().map(country).collect();
        countries.sort();
        countries.dedup();
        let mut w: Option<(NaiveDate, NaiveDate)> = None;
        for m in members {
            let Some((s, e)) = window(m, rules) else { continue };
            w = Some(match w {
                None => (s, e),
                Some((a, b)) => (a.max(s), b.min(e)),
            });
        }
        Footprint { countries, window: w.filter(|(s, e)| s <= e) }
    }
}

/// Splits mentions and earlier clusters into groups that cannot influence each other, so that
/// each group can be clustered alone, with only its own members in memory, and give exactly what
/// one pass over everything gives.
///
/// Two footprints are *compatible* when their windows share a day and their countries do not
/// differ (one side without a country is compatible with every country): [`judge`] vetoes every
/// other pair, so a cluster only ever holds pairwise compatible members, and a mention can only
/// join (or be swayed by) a cluster whose members are all compatible with it. The groups are the
/// connected components of that relation: a cluster from another component is vetoed whatever it
/// holds, so the order in which components are clustered, and the members of the others, never
/// change a placement. (Helly: a mention that shares a day with each member of a cluster shares
/// one with the intersection of their windows, which is a cluster's window.)
///
/// Returns a group number per footprint, numbered by first appearance. Footprints without a
/// window never meet another (they are never a candidate, and have none): they share one group,
/// as any union of groups also clusters exactly like the whole.
///
/// Components by a sweep per country over windows sorted by start (an interval overlaps the run
/// so far iff it starts before the run's latest end): hand-written, a few lines of union-find.
pub fn partitions(footprints: &[Footprint]) -> Vec<usize> {
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut parent: Vec<usize> = (0..footprints.len()).collect();
    let mut by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut countryless: Vec<usize> = Vec::new();
    for (i, f) in footprints.iter().enumerate() {
        if f.window.is_none() {
            continue;
        }
        let mut named = false;
        for c in f.countries.iter().flatten() {
            by_country.entry(c.as_str()).or_default().push(i);
            named = true;
        }
        // A member without a country beside a named one does not widen what the footprint meets:
        // the named member vetoes every other country.
        if !named {
            countryless.push(i);
        }
    }
    let mut sweep = |nodes: &mut Vec<(NaiveDate, NaiveDate, usize)>| {
        nodes.sort_unstable();
        let mut run: Option<(NaiveDate, usize)> = None;
        for &(s, e, i) in nodes.iter() {
            run = match run {
                Some((end, head)) if s <= end => {
                    let (a, b) = (find(&mut parent, head), find(&mut parent, i));
                    parent[b] = a;
                    Some(if e > end { (e, i) } else { (end, head) })
                }
                _ => Some((e, i)),
            };
        }
    };
    let span = |i: usize| footprints[i].window.map(|(s, e)| (s, e, i));
    let none: Vec<(NaiveDate, NaiveDate, usize)> = countryless.iter().filter_map(|&i| span(i)).collect();
    sweep(&mut none.clone());
    for nodes in by_country.values() {
        let mut v: Vec<(NaiveDate, NaiveDate, usize)> = nodes.iter().filter_map(|&i| span(i)).collect();
        v.extend_from_slice(&none);
        sweep(&mut v);
    }
    let mut numbers: HashMap<usize, usize> = HashMap::new();
    let mut next = 0;
    (0..footprints.len())
        .map(|i| {
            // usize::MAX: no footprint has that index.
            let key = if footprints[i].window.is_some() { find(&mut parent, i) } else { usize::MAX };
            *numbers.entry(key).or_insert_with(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// The intersection of the members' windows (non-empty by construction: members overlap pairwise,
/// and intervals that overlap pairwise share a common point).
fn cluster_window(ms: &[Mention], rules: &Rules) -> Option<(NaiveDate, NaiveDate)> {
    let mut w: Option<(NaiveDate, NaiveDate)> = None;
    for m in ms {
        let Some((s, e)) = window(m, rules) else { continue };
        w = Some(match w {
            None => (s, e),
            Some((a, b)) => (a.max(s), b.min(e)),
        });
    }
    w.filter(|(s, e)| s <= e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{Plover, PloverMode};

    fn count(min: Option<u32>, max: Option<u32>) -> Count {
        Count { min, max }
    }

    #[test]
    fn embedded_rules_parse() {
        let r = Rules::embedded().unwrap();
        assert!(r.min_score > 0);
        assert!(r.is_wildcard(&ActorRef { name: "Unknown Gunmen".into(), ..ActorRef::default() }));
    }

    #[test]
    fn rules_reject_unknown_type() {
        let bad = "min_score=1\nundated_window_days=1\ncompatible_sub_event_types=[[\"Bomb\",\"Attack\"]]\ncompatible_plover_types=[]\nwildcard_actors=[]";
        assert!(Rules::parse(bad).is_err());
    }

    type Case<'a> = (&'a [(Option<&'a str>, Count)], Option<u32>, Option<u32>, Option<u32>);

    #[test]
    fn estimate_cases() {
        // (figures by source, low, best, high)
        let cases: &[Case] = &[
            (&[], None, None, None),
            (&[(Some("a"), Count::UNKNOWN)], None, None, None),
            (
                &[(Some("police"), Count::exact(6)), (Some("claim"), Count::exact(20))],
                Some(6),
                Some(6),
                Some(20),
            ),
            (
                &[(Some("a"), Count::exact(6)), (Some("b"), Count::exact(8)), (Some("c"), Count::exact(20))],
                Some(6),
                Some(8),
                Some(20),
            ),
            (
                &[(Some("a"), count(Some(5), Some(10))), (Some("b"), Count::exact(7))],
                Some(5),
                Some(5),
                Some(10),
            ),
            (
                &[(Some("a"), Count::exact(3)), (Some("a"), Count::exact(9)), (Some("b"), Count::exact(8))],
                Some(3),
                Some(8),
                Some(9),
            ),
            (&[(None, count(None, Some(20)))], Some(20), Some(20), Some(20)),
        ];
        for (figs, low, best, high) in cases {
            let e = estimate(figs.iter().map(|(s, c)| (*s, c)));
            assert_eq!((e.low, e.best, e.high), (*low, *best, *high), "{figs:?}");
        }
    }

    fn ev(day: u32) -> Event {
        Event {
            event_type: None,
            sub_event_type: Some(AcledSubEventType::SuicideBomb),
            plover: Plover { kind: PloverType::Assault, mode: Some(PloverMode::SuicideAttack) },
            cameo: None,
            actor1: None,
            actor2: None,
            location: None,
            date: NaiveDate::from_ymd_opt(2023, 3, day),
            date_end: None,
            date_precision: Some(DatePrecision::Day),
            date_source: None,
            fatalities: Count::UNKNOWN,
            injured: Count::UNKNOWN,
            claimed_by: None,
            victims: vec![],
            background: false,
            trigger: None,
            evidence: vec![],
            confidence: 0.5,
        }
    }

    fn mention(key: &str, doc: &str, e: Event) -> Mention {
        Mention { key: key.into(), doc_id: doc.into(), source: None, published: None, event: e }
    }

    #[test]
    fn same_document_separate_unless_identical() {
        let r = Rules::embedded().unwrap();
        let a = mention("h#0", "d", ev(3));
        let mut e = ev(3);
        e.fatalities = Count::exact(2);
        let b = mention("h#1", "d", e);
        assert!(matches!(compare(&a, &b, &r), Verdict::Veto(_)));
        let c = mention("h#2", "d", ev(3));
        assert!(matches!(compare(&a, &c, &r), Verdict::Match { .. }));
    }

    #[test]
    fn batch_places_the_most_precise_first_and_answers_in_input_order() {
        let r = Rules::embedded().unwrap();
        let ev =
            |day| Event { actor1: Some(ActorRef { name: "IS-K".into(), ..ActorRef::default() }), ..ev(day) };
        let vague = |key: &str, day| {
            let mut e = ev(day);
            e.date_precision = Some(DatePrecision::Month);
            mention(key, key, e)
        };
        // Two events (3rd and 20th); the vague reports come first in the batch and in key order,
        // yet join after every precise one (a month is no evidence of the day: the bigger wins).
        let batch = vec![
            vague("a#0", 3),
            mention("z#0", "z", ev(20)),
            vague("b#0", 20),
            mention("y#0", "y", ev(3)),
            mention("x#0", "x", ev(20)),
        ];
        let mut c = Consolidator::new(r);
        let placed = c.add_batch(batch);
        assert_eq!(placed, vec![0, 0, 0, 1, 0]);
        let firsts: Vec<&str> = c.clusters().iter().map(|k| k.links[0].mention.as_str()).collect();
        assert_eq!(firsts, vec!["x#0", "y#0"]);
        let keys = |i: usize| c.clusters()[i].mentions.iter().map(|m| m.key.as_str()).collect::<Vec<_>>();
        assert_eq!((keys(0), keys(1)), (vec!["x#0", "z#0", "a#0", "b#0"], vec!["y#0"]));
    }

    #[test]
    fn dating_read_from_the_json_gives_the_window_of_the_mention() {
        let r = Rules::embedded().unwrap();
        let d = |day| NaiveDate::from_ymd_opt(2023, 3, day);
        // (date, date_end, precision, published), one case per line.
        let cases = [
            (d(3), None, Some(DatePrecision::Day), None),
            (d(3), d(9), Some(DatePrecision::Range), None),
            (d(3), None, Some(DatePrecision::Week), d(20)),
            (d(3), None, Some(DatePrecision::Month), None),
            (d(3), None, Some(DatePrecision::Year), None),
            (d(3), None, None, None),
            (None, None, None, d(20)),
            (None, None, None, None),
        ];
        for (date, date_end, date_precision, published) in cases {
            let m = Mention {
                published,
                ..mention("a#0", "a", Event { date, date_end, date_precision, ..ev(1) })
            };
            let dating: Dating = serde_json::from_str(&serde_json::to_string(&m.event).unwrap()).unwrap();
            assert_eq!(dating, Dating { date, date_end, date_precision });
            assert_eq!(
                window_of(&dating, published, &r),
                window(&m, &r),
                "{date:?} {date_end:?} {date_precision:?}"
            );
        }
        assert_eq!(country_key(Some(" af ")), Some("AF".to_string()));
        assert_eq!(country_key(None), None);
    }

    #[test]
    fn month_window_overlaps_day() {
        let r = Rules::embedded().unwrap();
        let mut e = ev(1);
        e.date_precision = Some(DatePrecision::Month);
        let m = mention("a#0", "a", e);
        assert_eq!(
            window(&m, &r),
            Some((
                NaiveDate::from_ymd_opt(2023, 3, 1).unwrap(),
                NaiveDate::from_ymd_opt(2023, 3, 31).unwrap()
            ))
        );
        assert!(matches!(compare(&m, &mention("b#0", "b", ev(17)), &r), Verdict::Match { .. }));
    }
}

#[cfg(test)]
mod partition_tests {
    use super::*;

    fn fp(countries: &[Option<&str>], from: (u32, u32), to: (u32, u32)) -> Footprint {
        let d = |(m, day): (u32, u32)| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
        Footprint {
            countries: countries.iter().map(|c| c.map(str::to_string)).collect(),
            window: Some((d(from), d(to))),
        }
    }

    #[test]
    fn groups_meet_through_shared_days_and_country() {
        let none = Footprint { countries: vec![None], window: None };
        let af = Some("AF");
        // (footprints, expected groups), one case per line.
        let cases: Vec<(Vec<Footprint>, Vec<usize>)> = vec![
            (vec![fp(&[af], (3, 1), (3, 1)), fp(&[af], (3, 30), (3, 30))], vec![0, 1]),
            (vec![fp(&[af], (3, 1), (3, 3)), fp(&[af], (3, 3), (3, 30))], vec![0, 0]),
            (vec![fp(&[af], (3, 1), (3, 1)), fp(&[Some("PK")], (3, 1), (3, 1))], vec![0, 1]),
            (vec![fp(&[af], (3, 31), (3, 31)), fp(&[af], (4, 1), (4, 1))], vec![0, 1]),
            (
                vec![fp(&[af], (3, 1), (3, 1)), fp(&[af], (4, 1), (4, 1)), fp(&[af], (3, 1), (4, 2))],
                vec![0, 0, 0],
            ),
            (
                vec![fp(&[af], (3, 1), (3, 1)), fp(&[af], (4, 1), (4, 1)), fp(&[af], (3, 2), (4, 2))],
                vec![0, 1, 1],
            ),
            (
                vec![
                    fp(&[af], (3, 1), (3, 1)),
                    fp(&[Some("PK")], (3, 5), (3, 5)),
                    fp(&[None], (3, 1), (3, 9)),
                    fp(&[Some("IQ")], (5, 9), (5, 9)),
                ],
                vec![0, 0, 0, 1],
            ),
            (
                vec![
                    fp(&[af], (3, 1), (3, 5)),
                    fp(&[Some("PK")], (3, 3), (3, 3)),
                    fp(&[None], (3, 1), (3, 2)),
                ],
                vec![0, 1, 0],
            ),
            (vec![fp(&[None], (3, 1), (3, 2)), fp(&[None], (3, 2), (3, 9))], vec![0, 0]),
            (vec![fp(&[af, Some("PK")], (3, 1), (3, 1)), fp(&[Some("PK")], (3, 1), (3, 1))], vec![0, 0]),
            (vec![fp(&[None, af], (3, 1), (3, 1)), fp(&[Some("PK")], (3, 1), (3, 1))], vec![0, 1]),
            (vec![none.clone(), fp(&[af], (3, 1), (3, 1)), none], vec![0, 1, 0]),
        ];
        for (fps, want) in cases {
            assert_eq!(partitions(&fps), want, "{fps:?}");
        }
    }

    fn mention(key: &str, country: Option<&str>, day: u32, sub: AcledSubEventType, p: u8) -> Mention {
        let event = Event {
            event_type: Some(sub.event_type()),
            sub_event_type: Some(sub),
            plover: sitrep_model::Plover { kind: PloverType::Assault, mode: None },
            cameo: None,
            actor1: None,
            actor2: None,
            location: country.map(|c| Location {
                name: format!("Town {}", day % 3),
                text: None,
                admin1: None,
                admin2: None,
                country: Some(c.into()),
                lat: None,
                lon: None,
                geonameid: None,
                precision: GeoPrecision::Town,
                approximate: false,
            }),
            date: NaiveDate::from_ymd_opt(2023, 1 + (day / 28) % 12, 1 + day % 28),
            date_end: NaiveDate::from_ymd_opt(2023, 1 + (day / 28) % 12, 1 + day % 28)
                .and_then(|d| d.checked_add_days(Days::new(u64::from(day % 5)))),
            date_precision: [
                None,
                Some(DatePrecision::Day),
                Some(DatePrecision::Day),
                Some(DatePrecision::Range),
                Some(DatePrecision::Week),
                Some(DatePrecision::Month),
                Some(DatePrecision::Year),
            ]
            .get(usize::from(p))
            .copied()
            .flatten(),
            date_source: None,
            fatalities: Count::exact(day % 4),
            injured: Count::UNKNOWN,
            claimed_by: None,
            victims: vec![],
            background: false,
            trigger: None,
            evidence: vec![],
            confidence: 0.5,
        };
        let mut m = Mention { key: key.into(), doc_id: key.into(), source: None, published: None, event };
        if p == 0 {
            // No event date: the window is the days before publication.
            m.published = m.event.date.take();
        }
        m
    }

    proptest::proptest! {
        /// Clustering each group alone gives the clusters of one pass over everything.
        #[test]
        fn groups_cluster_like_the_whole(
            specs in proptest::collection::vec((0u8..4, 0u32..200, 0usize..3, 0u8..7), 1..80)
        ) {
            let rules = Rules::embedded().unwrap();
            let countries = [Some("AF"), Some("PK"), Some("IQ"), None];
            let subs = [AcledSubEventType::SuicideBomb, AcledSubEventType::ArmedClash, AcledSubEventType::Attack];
            let ms: Vec<Mention> = specs
                .iter()
                .enumerate()
                .map(|(i, (c, d, s, p))| mention(&format!("k{i:03}"), countries[*c as usize], *d, subs[*s], *p))
                .collect();
            let sets = |clusters: Vec<Cluster>| {
                let mut v: Vec<Vec<String>> = clusters
                    .into_iter()
                    .map(|c| {
                        let mut k: Vec<String> = c.mentions.iter().map(|m| m.key.clone()).collect();
                        k.sort();
                        k
                    })
                    .collect();
                v.sort();
                v
            };
            let mut whole = Consolidator::new(rules.clone());
            whole.add_batch(ms.clone());
            let fps: Vec<Footprint> = ms.iter().map(|m| Footprint::of_mention(m, &rules)).collect();
            let groups = partitions(&fps);
            let mut parts = Vec::new();
            for g in 0..=groups.iter().copied().max().unwrap_or(0) {
                let mut c = Consolidator::new(rules.clone());
                c.add_batch(ms.iter().zip(&groups).filter(|(_, x)| **x == g).map(|(m, _)| m.clone()).collect());
                parts.extend(c.into_clusters());
            }
            proptest::prop_assert_eq!(sets(whole.into_clusters()), sets(parts));
        }
    }
}

/// Groups reports of one record (a statement, a tally) told by several documents: records with
/// equal `key` whose windows all overlap form one group (complete linkage, as for events: the
/// group's windows share a day). Records without a window stand alone. Returns, per record, the
/// index of its group's first record (by window start, then position), so a group is named by
/// one of its members.
pub fn group_records<K: Ord + Clone>(items: &[(K, Option<(NaiveDate, NaiveDate)>)]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..items.len()).collect();
    let mut by_key: BTreeMap<&K, Vec<(NaiveDate, NaiveDate, usize)>> = BTreeMap::new();
    for (i, (k, w)) in items.iter().enumerate() {
        if let Some((s, e)) = w {
            by_key.entry(k).or_default().push((*s, *e, i));
        }
    }
    for mut v in by_key.into_values() {
        v.sort_unstable();
        let mut current: Option<(NaiveDate, NaiveDate, usize)> = None;
        for (s, e, i) in v {
            current = match current {
                // Sorted by start, so the intersection is [s, min(end, e)] when s is inside it.
                Some((_, end, head)) if s <= end => {
                    out[i] = head;
                    Some((s, end.min(e), head))
                }
                _ => Some((s, e, i)),
            };
        }
    }
    out
}

#[cfg(test)]
mod group_tests {
    use super::*;

    type Case<'a> = (Vec<(&'a str, Option<(NaiveDate, NaiveDate)>)>, Vec<usize>);

    #[test]
    fn same_key_and_overlapping_windows_group() {
        let d = |day| NaiveDate::from_ymd_opt(2023, 3, day).unwrap();
        let w = |a, b| Some((d(a), d(b)));
        // (records, expected group heads), one case per line.
        let cases: Vec<Case> = vec![
            (vec![("a", w(1, 3)), ("a", w(3, 5))], vec![0, 0]),
            (vec![("a", w(1, 3)), ("b", w(1, 3))], vec![0, 1]),
            (vec![("a", w(1, 2)), ("a", w(3, 5))], vec![0, 1]),
            (vec![("a", w(4, 6)), ("a", w(1, 4)), ("a", w(2, 5))], vec![1, 1, 1]),
            // Complete linkage: 1-3 and 3-5 share day 3, 5-7 meets only the second.
            (vec![("a", w(1, 3)), ("a", w(3, 5)), ("a", w(5, 7))], vec![0, 0, 2]),
            (vec![("a", None), ("a", None), ("a", w(1, 1))], vec![0, 1, 2]),
        ];
        for (items, want) in cases {
            assert_eq!(group_records(&items), want, "{items:?}");
        }
    }
}
