//! Reading events back: filters, counts, explanations, with analyst reviews applied.

use crate::{Error, Result, Store};
use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::types::Value;
use serde::Serialize;
use sitrep_consolidate::{Link, Summary};
use sitrep_model::{AcledEventType, AcledSubEventType, DatePrecision};
use std::collections::{BTreeMap, HashMap};

/// The first and last day of a consolidated event's window, as `YYYY-MM-DD`.
pub(crate) fn window_of(s: &Summary) -> (Option<String>, Option<String>) {
    let e = &s.event;
    let Some(d) = e.date else { return (None, None) };
    let end = e.date_end.or_else(|| match e.date_precision {
        Some(DatePrecision::Week) => d.checked_add_days(Days::new(6)),
        Some(DatePrecision::Month) => {
            d.with_day(1).and_then(|f| f.checked_add_months(Months::new(1))).and_then(|n| n.pred_opt())
        }
        Some(DatePrecision::Year) => NaiveDate::from_ymd_opt(d.year(), 12, 31),
        _ => Some(d),
    });
    (Some(d.to_string()), end.map(|x| x.to_string()))
}

/// Days from the first to the last day of a window (`YYYY-MM-DD` each); None when undated.
pub(crate) fn span_days(date: Option<&str>, date_end: Option<&str>) -> Option<i64> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let start = day(date?)?;
    let end = date_end.and_then(day).unwrap_or(start);
    Some((end - start).num_days().max(0))
}

/// Which events to return. Text fields match case-insensitively.
#[derive(Debug, Default, Clone)]
pub struct EventFilter {
    /// Events whose window ends on or after this day.
    pub from: Option<NaiveDate>,
    /// Events whose window starts on or before this day.
    pub to: Option<NaiveDate>,
    /// Canonical actor name, or any words a document used for it.
    pub actor: Option<String>,
    /// ACLED event type or sub-event type.
    pub event_type: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// Affiliation of at least one reporting source.
    pub affiliation: Option<String>,
    /// Name or handle of at least one reporting source.
    pub source: Option<String>,
    /// Only events below this confidence (review queue).
    pub max_confidence: Option<f32>,
    pub include_rejected: bool,
    pub limit: Option<usize>,
}

/// A review as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub action: String,
    pub patch: Option<serde_json::Value>,
    pub why: String,
    pub who: String,
    pub at: String,
}

/// One consolidated event with the reviews that apply to it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub summary: Summary,
    pub reviews: Vec<Review>,
}

impl EventRecord {
    /// The last review decides: accepted, rejected or edited; None when unreviewed.
    pub fn status(&self) -> Option<&str> {
        let decided = self.reviews.iter().rev().find(|r| r.action != "edit");
        decided
            .map(|r| if r.action == "reject" { "rejected" } else { "accepted" })
            .or_else(|| self.reviews.iter().any(|r| r.action == "edit").then_some("edited"))
    }

    /// The CONTRACT event shape plus `id`, `key`, `documents`, `sources`, per-source figures, the
    /// low/best/high estimate and the review status; analyst edits applied on top.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(&self.summary.event).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("id".into(), self.id.into());
            o.insert("key".into(), self.summary.key.clone().into());
            o.insert("documents".into(), serde_json::json!(self.summary.documents));
            o.insert("sources".into(), serde_json::json!(self.summary.sources));
            o.insert("fatalities_estimate".into(), serde_json::json!(self.summary.estimate));
            o.insert("per_source".into(), serde_json::json!(self.summary.per_source));
            o.insert("review".into(), self.status().map_or(serde_json::Value::Null, |s| s.into()));
            for r in &self.reviews {
                if let Some(serde_json::Value::Object(p)) = &r.patch {
                    for (k, val) in p {
                        set_path(o, k, val.clone());
                    }
                }
            }
        }
        v
    }
}

/// Sets `a.b` inside a JSON object, creating the inner object where needed.
fn set_path(o: &mut serde_json::Map<String, serde_json::Value>, path: &str, val: serde_json::Value) {
    match path.split_once('.') {
        None => {
            o.insert(path.to_string(), val);
        }
        Some((head, rest)) => {
            let inner = o.entry(head.to_string()).or_insert_with(|| serde_json::json!({}));
            if !inner.is_object() {
                *inner = serde_json::json!({});
            }
            if let Some(m) = inner.as_object_mut() {
                set_path(m, rest, val);
            }
        }
    }
}

/// How `sitrep count` groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Day,
    Week,
    Month,
    Admin1,
    Actor,
    Type,
    Source,
}

impl std::str::FromStr for CountBy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "day" => CountBy::Day,
            "week" => CountBy::Week,
            "month" => CountBy::Month,
            "admin1" => CountBy::Admin1,
            "actor" => CountBy::Actor,
            "type" => CountBy::Type,
            "source" => CountBy::Source,
            _ => {
                return Err(Error::Invalid(format!(
                    "--by {s}: expected day|week|month|admin1|actor|type|source"
                )));
            }
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CountRow {
    /// The group; "unknown" where the events lack the field.
    pub key: String,
    pub events: u64,
    /// Sums over the group's events of the low/best/high estimates (unknown counts add nothing).
    pub fatalities_low: u64,
    pub fatalities_best: u64,
    pub fatalities_high: u64,
    /// How many of the group's events give a fatality figure: where none does, the sums are not
    /// zero dead but unknown.
    pub with_figures: u64,
}

/// One mention of an explained event.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedMention {
    pub key: String,
    pub doc_id: String,
    pub source: Option<String>,
    pub affiliation: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub evidence_text: Option<String>,
    pub event: serde_json::Value,
    pub link: Link,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub event: EventRecord,
    pub mentions: Vec<ExplainedMention>,
}

/// The WHERE clause (empty, or `WHERE …` over `events e`) and its arguments for a filter: the
/// one definition of what a filter means, shared by [`Store::events`], [`Store::count`] and the
/// keyset pages of `answers`.
/// Reviews are applied by the callers, in Rust (there are few).
/// An actor or source filter reads its word's rows (migration 9, within the date window);
/// [`filter_sql_by_lookups`] says the same from the lookup tables of migration 4.
pub(crate) fn filter_sql(f: &EventFilter) -> (String, Vec<Value>) {
    filter_sql_with(f, true)
}

/// [`filter_sql`] with the actor and source filters said on `event_actors`, `actor_aliases` and
/// `event_sources`: what the words of migration 9 are made from, and so the reference they are
/// tested against (`Store::count_plain`).
pub(crate) fn filter_sql_by_lookups(f: &EventFilter) -> (String, Vec<Value>) {
    filter_sql_with(f, false)
}

fn filter_sql_with(f: &EventFilter, words: bool) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: String, args: &mut Vec<Value>| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    if let Some(d) = f.from {
        let p = arg(d.to_string(), &mut args);
        // The window ends on or after `from`; it then starts at most the longest window
        // (migration 6, one index step) before `from`, which bounds the date index range.
        clauses.push(format!(
            "e.date >= date({p}, '-' || (SELECT coalesce(max(span), 0) FROM events) || ' days')
             AND coalesce(e.date_end, e.date) >= {p}"
        ));
    }
    if let Some(d) = f.to {
        let p = arg(d.to_string(), &mut args);
        clauses.push(format!("e.date <= {p}"));
    }
    if let Some(t) = &f.event_type {
        let p = arg(t.clone(), &mut args);
        clauses.push(match type_column(t) {
            // Stored types are codebook spellings and no sub-event type is spelled as a type: a
            // known name can match one column only, and that column's index (migration 8) serves.
            Some(col) => format!("e.{col} = {p} COLLATE NOCASE"),
            None => format!("(e.event_type = {p} COLLATE NOCASE OR e.sub_event_type = {p} COLLATE NOCASE)"),
        });
    }
    if let Some(c) = &f.country {
        let p = arg(c.clone(), &mut args);
        clauses.push(format!("e.country = {p} COLLATE NOCASE"));
    }
    if let Some(a) = &f.admin1 {
        let p = arg(a.clone(), &mut args);
        clauses.push(format!("e.admin1 = {p} COLLATE NOCASE"));
    }
    // The window again, on a word's rows: it bounds the range of the word read.
    let mut window = String::new();
    let word = |w: &Option<String>| words && w.as_ref().is_some_and(|w| !w.is_empty());
    let with_words = word(&f.actor) || word(&f.source);
    if let Some(d) = f.from.filter(|_| with_words) {
        let p = arg(d.to_string(), &mut args);
        window.push_str(&format!(" AND day >= {} AND end_day >= {p}", first_day_sql(&p)));
    }
    if let Some(d) = f.to.filter(|_| with_words) {
        let p = arg(d.to_string(), &mut args);
        // With a first day the undated rows ('') are out already; a second lower bound would
        // keep SQLite from seeking the first (it uses one).
        let undated = if f.from.is_some() { "" } else { " AND day > ''" };
        window.push_str(&format!("{undated} AND day <= {p}"));
    }
    for (word, table) in [(&f.actor, "actor_keys"), (&f.source, "source_keys")] {
        if let Some(w) = word
            && words
            && !w.is_empty()
        {
            let p = arg(w.clone(), &mut args);
            // An alias of another actor also finds that actor's events (migration 9: its own
            // name, and its own aliases, add none beyond its words).
            let aliases = if table == "actor_keys" {
                format!(
                    " UNION SELECT ea.event_id FROM actor_aliases aa CROSS JOIN event_actors ea
                     WHERE aa.alias = {p} COLLATE NOCASE AND aa.name <> {p} COLLATE NOCASE
                       AND ea.name = aa.name AND ea.role = 1"
                )
            } else {
                String::new()
            };
            clauses.push(format!("e.id IN (SELECT event_id FROM {table} WHERE name = {p}{window}{aliases})"));
        }
    }
    fn lookups(w: &Option<String>, words: bool) -> Option<&String> {
        w.as_ref().filter(|w| !words || w.is_empty())
    }
    if let Some(a) = lookups(&f.actor, words) {
        let p = arg(a.clone(), &mut args);
        // event_actors (migration 4): role 0 holds every name and surface text of the members'
        // actors, role 1 the event's own actor1/actor2, which an alias of actor_aliases finds.
        // CROSS JOIN keeps the few aliases outside: otherwise SQLite walks all of event_actors.
        clauses.push(format!(
            "e.id IN (SELECT event_id FROM event_actors WHERE name = {p} AND role = 0
                      UNION SELECT ea.event_id FROM actor_aliases aa CROSS JOIN event_actors ea
                      WHERE aa.alias = {p} COLLATE NOCASE AND ea.name = aa.name AND ea.role = 1)"
        ));
    }
    for (val, col) in [(f.affiliation.as_ref(), "s.affiliation"), (lookups(&f.source, words), "s.name")] {
        if let Some(a) = val {
            let p = arg(a.clone(), &mut args);
            let extra =
                if col == "s.name" { format!(" OR s.handle = {p} COLLATE NOCASE") } else { String::new() };
            clauses.push(format!(
                "e.id IN (SELECT es.event_id FROM event_sources es JOIN sources s ON s.id = es.source_id
                          WHERE {col} = {p} COLLATE NOCASE{extra})"
            ));
        }
    }
    if let Some(c) = f.max_confidence {
        args.push(Value::Real(f64::from(c)));
        clauses.push(format!("e.confidence < ?{}", args.len()));
    }
    let where_sql =
        if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (where_sql, args)
}

/// The column a type filter can match: `event_type` for an ACLED event type, `sub_event_type`
/// for a sub-event type (in any letter case, as SQLite's NOCASE compares), None for other words.
pub(crate) fn type_column(t: &str) -> Option<&'static str> {
    let named = |n: &str| n.eq_ignore_ascii_case(t);
    if AcledEventType::ALL.iter().any(|x| named(x.as_str())) {
        Some("event_type")
    } else if AcledSubEventType::ALL.iter().any(|x| named(x.as_str())) {
        Some("sub_event_type")
    } else {
        None
    }
}

/// `YYYY-MM` of a day, when it is the prefix of the day as stored (four-digit years).
fn month_of(d: NaiveDate) -> Option<String> {
    (1000..=9999).contains(&d.year()).then(|| format!("{:04}-{:02}", d.year(), d.month()))
}

/// The first day a window from `p` (an SQL parameter) must look back to: an event that ends on or
/// after `p` starts at most the longest event window (migration 6's span index) before it. One
/// scalar subquery, which SQLite evaluates once and seeks the day index from; written as
/// `date(p, '-' || (SELECT max(span) …) || ' days')` inside the comparison, the date was computed
/// again for every row of the word (827k rows for one actor at 10M events).
fn first_day_sql(p: &str) -> String {
    format!("(SELECT date({p}, '-' || coalesce(max(span), 0) || ' days') FROM events)")
}

/// The first and last month of a window made of whole months: `Some((from, to))`, each None when
/// the window is open on that side; None when a bound is inside a month.
fn whole_months(f: &EventFilter) -> Option<(Option<String>, Option<String>)> {
    let from = match f.from {
        Some(d) if d.day() == 1 => Some(month_of(d)?),
        Some(_) => return None,
        None => None,
    };
    let to = match f.to {
        Some(d) if d.succ_opt().is_some_and(|n| n.day() == 1) => Some(month_of(d)?),
        Some(_) => return None,
        None => None,
    };
    Some((from, to))
}

/// SQL clauses and their arguments, numbered from `?1`.
#[derive(Default)]
struct Clauses {
    sql: Vec<String>,
    args: Vec<Value>,
}

impl Clauses {
    fn arg(&mut self, v: &str) -> String {
        self.args.push(Value::Text(v.to_string()));
        format!("?{}", self.args.len())
    }
    fn place(&mut self, f: &EventFilter) {
        if let Some(c) = &f.country {
            let p = self.arg(c);
            self.sql.push(format!("country = {p} COLLATE NOCASE"));
        }
        if let Some(a) = &f.admin1 {
            let p = self.arg(a);
            self.sql.push(format!("admin1 = {p} COLLATE NOCASE"));
        }
    }
    /// Cells of whole months that meet the window. The lower bound on `month` only narrows the
    /// index range (an event ending in the first month started at most the longest window before).
    fn months(&mut self, (from, to): (Option<String>, Option<String>)) {
        if let Some(m) = from {
            let p = self.arg(&m);
            // NULL: undated, never in a window.
            self.sql.push(format!(
                "end_month >= {p} AND month >= (SELECT substr(date({p} || '-01', '-' || coalesce(max(span), 0) || ' days'), 1, 7) FROM events)"
            ));
        }
        if let Some(m) = to {
            let p = self.arg(&m);
            self.sql.push(format!("month <= {p}"));
        }
    }
    /// Rows or cells whose days `day`..`end_day` meet the filter's window, as `filter_sql` says it.
    fn days(&mut self, f: &EventFilter, undated: &str) {
        if let Some(d) = f.from {
            let p = self.arg(&d.to_string());
            self.sql.push(format!("day >= {} AND end_day >= {p}", first_day_sql(&p)));
        }
        if let Some(d) = f.to {
            let p = self.arg(&d.to_string());
            // A first day leaves the undated out already, and SQLite seeks one lower bound only.
            if f.from.is_some() {
                self.sql.push(format!("day <= {p}"));
            } else {
                self.sql.push(format!("day > {undated} AND day <= {p}"));
            }
        }
    }
    fn where_sql(&self) -> String {
        if self.sql.is_empty() { String::new() } else { format!("WHERE {}", self.sql.join(" AND ")) }
    }
}

const CELL_SUMS: &str =
    "sum(events), sum(fatalities_low), sum(fatalities_best), sum(fatalities_high), sum(with_figures)";
const ROW_SUMS: &str = "count(*), coalesce(sum(fatalities_low), 0), coalesce(sum(fatalities_best), 0),
    coalesce(sum(fatalities_high), 0), count(fatalities_best)";

/// A count said on a cube or on the actor and source words, over all events reviewed or not:
/// the SQL, its arguments, and whether its group is a stored day (`date_key` makes it a week or
/// month).
pub(crate) type FastSql = (String, Vec<Value>, bool);

/// The count as sums of cells (migrations 8 and 9) or as one range of the actor or source words
/// (migration 9), when the filter and grouping can be said on them; None when only the events
/// can answer. Never with an affiliation or confidence filter.
/// - No actor or source filter: the monthly cubes for a window of whole months (or none) grouped
///   by month, province or type; the day cube for a country and any window, grouped by day, week
///   or month; the actor1 cube for a country and whole months, grouped by actor.
/// - An actor or a source filter (not both), with a country or province: its word's monthly
///   cells for whole months grouped by month or province; else its word's rows, grouped by day,
///   week, month or province.
pub(crate) fn cube_sql(by: CountBy, f: &EventFilter) -> Option<FastSql> {
    if f.affiliation.is_some() || f.max_confidence.is_some() {
        return None;
    }
    match (&f.actor, &f.source) {
        (Some(_), Some(_)) => None,
        (Some(w), None) => words_sql("actor_keys", w, by, f),
        (None, Some(w)) => words_sql("source_keys", w, by, f),
        (None, None) => monthly_sql(by, f).or_else(|| day_sql(by, f)).or_else(|| actor1_sql(by, f)),
    }
}

/// Migration 8's four monthly cubes.
fn monthly_sql(by: CountBy, f: &EventFilter) -> Option<FastSql> {
    let key = match by {
        CountBy::Month => "month",
        CountBy::Admin1 => "admin1",
        CountBy::Type => "coalesce(sub_event_type, event_type, plover)",
        _ => return None,
    };
    let (from, to) = whole_months(f)?;
    let admin1 = f.admin1.is_some() || by == CountBy::Admin1;
    let country = f.country.is_some();
    let kind = f.event_type.is_some() || by == CountBy::Type;
    // The smallest cube with every dimension named (cube_place has countries and provinces).
    let table = match (admin1, country, kind) {
        (true, _, true) => "cube_all",
        (false, true, true) => "cube_country_type",
        (_, _, false) if admin1 || country => "cube_place",
        _ => "cube_type",
    };
    let mut c = Clauses::default();
    if let Some(m) = from {
        // The event ends in or after the window's first month (NULL: undated, never in a window).
        let p = c.arg(&m);
        c.sql.push(format!("end_month >= {p}"));
    }
    if let Some(m) = to {
        let p = c.arg(&m);
        c.sql.push(format!("month <= {p}"));
    }
    c.place(f);
    if let Some(t) = &f.event_type {
        let p = c.arg(t);
        c.sql.push(match type_column(t) {
            Some(col) => format!("{col} = {p} COLLATE NOCASE"),
            None => format!("(event_type = {p} COLLATE NOCASE OR sub_event_type = {p} COLLATE NOCASE)"),
        });
    }
    Some((format!("SELECT {key}, {CELL_SUMS} FROM {table} {} GROUP BY 1", c.where_sql()), c.args, false))
}

/// The day cube (migration 9): a country and any window, grouped by day, week or month.
fn day_sql(by: CountBy, f: &EventFilter) -> Option<FastSql> {
    if !matches!(by, CountBy::Day | CountBy::Week | CountBy::Month)
        || f.admin1.is_some()
        || f.event_type.is_some()
    {
        return None;
    }
    let mut c = Clauses::default();
    c.place(f);
    // Undated cells have a NULL day, which no comparison meets.
    c.days(f, "''");
    Some((format!("SELECT day, {CELL_SUMS} FROM cube_day {} GROUP BY 1", c.where_sql()), c.args, true))
}

/// The actor1 cube (migration 9): a country and whole months, grouped by actor.
fn actor1_sql(by: CountBy, f: &EventFilter) -> Option<FastSql> {
    if by != CountBy::Actor || f.admin1.is_some() || f.event_type.is_some() {
        return None;
    }
    let mut c = Clauses::default();
    c.months(whole_months(f)?);
    c.place(f);
    Some((format!("SELECT actor1, {CELL_SUMS} FROM cube_actor1 {} GROUP BY 1", c.where_sql()), c.args, false))
}

/// An actor or source word (migration 9): its monthly cells, else its rows.
fn words_sql(table: &str, word: &str, by: CountBy, f: &EventFilter) -> Option<FastSql> {
    // No word is empty (keys.sql).
    if f.event_type.is_some() || word.is_empty() {
        return None;
    }
    let mut c = Clauses::default();
    let p = c.arg(word);
    c.sql.push(format!("name = {p}"));
    c.place(f);
    let months = whole_months(f);
    match (by, months) {
        (CountBy::Month | CountBy::Admin1, Some(m)) => {
            c.months(m);
            let key = if by == CountBy::Month { "month" } else { "admin1" };
            Some((
                format!("SELECT {key}, {CELL_SUMS} FROM cube_{table} {} GROUP BY 1", c.where_sql()),
                c.args,
                false,
            ))
        }
        (CountBy::Day | CountBy::Week | CountBy::Month | CountBy::Admin1, _) => {
            // '' is an undated row's day: it sorts first, and `day > ''` leaves it out.
            c.days(f, "''");
            let (key, day) =
                if by == CountBy::Admin1 { ("admin1", false) } else { ("nullif(day, '')", true) };
            Some((format!("SELECT {key}, {ROW_SUMS} FROM {table} {} GROUP BY 1", c.where_sql()), c.args, day))
        }
        _ => None,
    }
}

impl Store {
    pub(crate) fn reviews_by_event(&self) -> Result<HashMap<i64, Vec<Review>>> {
        let mut st = self.conn.prepare_cached(
            "SELECT em.event_id, r.action, r.patch, r.why, r.who, r.at FROM review r
             JOIN mentions m ON m.mention_key = r.anchor
             JOIN event_mentions em ON em.mention_id = m.id ORDER BY r.id",
        )?;
        let mut out: HashMap<i64, Vec<Review>> = HashMap::new();
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        for row in rows {
            let (id, action, patch, why, who, at) = row?;
            let patch = patch.map(|p| serde_json::from_str(&p)).transpose()?;
            out.entry(id).or_default().push(Review { action, patch, why, who, at });
        }
        Ok(out)
    }

    /// Events matching the filter, by date then id.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<EventRecord>> {
        let (where_sql, args) = filter_sql(f);
        let sql = format!("SELECT e.id, e.json FROM events e {where_sql} ORDER BY e.date, e.id");
        let reviews = self.reviews_by_event()?;
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let rec = EventRecord {
                id,
                summary: serde_json::from_str(&json)?,
                reviews: reviews.get(&id).cloned().unwrap_or_default(),
            };
            if !f.include_rejected && rec.status() == Some("rejected") {
                continue;
            }
            if f.max_confidence.is_some() && rec.status().is_some() {
                // A reviewed event has left the review queue.
                continue;
            }
            out.push(rec);
            if f.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
        }
        Ok(out)
    }

    pub fn event(&self, id: i64) -> Result<EventRecord> {
        let json: String = self
            .conn
            .query_row("SELECT json FROM events WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoEvent(id),
            e => Error::Sql(e),
        })?;
        let reviews = self.reviews_by_event()?.remove(&id).unwrap_or_default();
        Ok(EventRecord { id, summary: serde_json::from_str(&json)?, reviews })
    }

    /// The event, each mention with its document and evidence, and why it joined.
    pub fn explain(&self, id: i64) -> Result<Explanation> {
        let event = self.event(id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT m.mention_key, d.doc_id, coalesce(nullif(s.name, ''), nullif(s.handle, '')), s.affiliation,
                    d.title, d.url, d.published, m.evidence_text, m.json, em.link
             FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
             JOIN documents d ON d.id = m.document_id LEFT JOIN sources s ON s.id = d.source_id
             WHERE em.event_id = ?1 ORDER BY m.id",
        )?;
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut mentions = Vec::new();
        for row in rows {
            let (key, doc_id, source, affiliation, title, url, published, evidence_text, json, link) = row?;
            mentions.push(ExplainedMention {
                key,
                doc_id,
                source,
                affiliation,
                title,
                url,
                published,
                evidence_text,
                event: serde_json::from_str(&json)?,
                link: serde_json::from_str(&link)?,
            });
        }
        Ok(Explanation { event, mentions })
    }

    /// The evidence sentences of an event's key mention (else of its first mention with any).
    pub fn notes(&self, event_id: i64) -> Result<Option<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT m.evidence_text FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
             JOIN events e ON e.id = em.event_id
             WHERE em.event_id = ?1 AND m.evidence_text IS NOT NULL
             ORDER BY (m.mention_key = e.key) DESC, m.id LIMIT 1",
        )?;
        let mut rows = st.query([event_id])?;
        Ok(match rows.next()? {
            Some(r) => r.get(0)?,
            None => None,
        })
    }

    /// Counts and fatalities of the filtered events, grouped: one SQL `GROUP BY` over indexed
    /// columns for the unreviewed events, or sums of monthly cells when the filter and grouping
    /// allow (`cube_sql`: the cells hold every event, so the reviewed ones are subtracted as
    /// stored); the few reviewed events are then read whole, so that a rejected event is left out
    /// and an edited one counts as edited. `limit` is ignored: a count covers the whole filter.
    pub fn count(&self, by: CountBy, f: &EventFilter) -> Result<Vec<CountRow>> {
        let cube = match &f.actor {
            Some(a) if self.aliases_another(a)? => None,
            _ => cube_sql(by, f),
        };
        self.count_with(by, f, cube, filter_sql(f))
    }

    /// Whether an actor filter word is an alias of another name, whose events the word's own
    /// rows and cells (migration 9) do not hold.
    fn aliases_another(&self, word: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM actor_aliases WHERE alias = ?1 COLLATE NOCASE AND name <> ?1 COLLATE NOCASE",
            )?
            .exists([word])?)
    }

    /// [`Store::count`] without the cubes, and with the actor and source filters said on the lookup
    /// tables: the reference the fast paths are tested against.
    pub fn count_plain(&self, by: CountBy, f: &EventFilter) -> Result<Vec<CountRow>> {
        self.count_with(by, f, None, filter_sql_by_lookups(f))
    }

    fn count_with(
        &self,
        by: CountBy,
        f: &EventFilter,
        cube: Option<FastSql>,
        (where_sql, mut args): (String, Vec<Value>),
    ) -> Result<Vec<CountRow>> {
        let reviews = self.reviews_by_event()?;
        let mut reviewed: Vec<i64> = reviews.keys().copied().collect();
        reviewed.sort_unstable();
        args.push(Value::Text(serde_json::to_string(&reviewed)?));
        let n = args.len();
        let and = if where_sql.is_empty() { "WHERE" } else { " AND" };
        let unreviewed = format!("{where_sql}{and} e.id NOT IN (SELECT value FROM json_each(?{n}))");
        let sums =
            "count(*), coalesce(sum(lo), 0), coalesce(sum(best), 0), coalesce(sum(hi), 0), count(best)";
        let cols = "e.fatalities_low AS lo, e.fatalities_best AS best, e.fatalities_high AS hi";
        // (SQL, its arguments, +1 to add or -1 to subtract, whether its key is a stored day).
        let mut queries: Vec<(String, &[Value], i64, bool)> = Vec::new();
        let by_day = matches!(by, CountBy::Day | CountBy::Week | CountBy::Month);
        let key = match by {
            CountBy::Admin1 => "e.admin1",
            CountBy::Actor => "e.actor1",
            CountBy::Type => "coalesce(e.sub_event_type, e.event_type, e.plover)",
            // Days are grouped in SQL, weeks and months from the days in Rust (few rows).
            _ => "e.date",
        };
        match (&cube, by) {
            (Some((sql, cube_args, cube_day)), _) => {
                queries.push((sql.clone(), cube_args, 1, *cube_day));
                if !reviewed.is_empty() {
                    queries.push((
                        format!(
                            "SELECT k, {sums} FROM (SELECT {key} AS k, {cols} FROM events e {where_sql}{and}
                               e.id IN (SELECT value FROM json_each(?{n}))) GROUP BY k"
                        ),
                        &args,
                        -1,
                        by_day,
                    ));
                }
            }
            (None, CountBy::Source) => {
                // DISTINCT: two source rows may show the same name (same name, other handle).
                queries.push((
                    format!(
                        "SELECT name, {sums} FROM (
                           SELECT DISTINCT e.id, coalesce(nullif(s.name, ''), nullif(s.handle, '')) AS name, {cols}
                           FROM events e JOIN event_sources es ON es.event_id = e.id
                           JOIN sources s ON s.id = es.source_id {unreviewed})
                         WHERE name IS NOT NULL GROUP BY name"
                    ),
                    &args,
                    1,
                    false,
                ));
                queries.push((
                    format!(
                        "SELECT NULL, {sums} FROM (SELECT {cols} FROM events e {unreviewed} AND NOT EXISTS (
                           SELECT 1 FROM event_sources es JOIN sources s ON s.id = es.source_id
                           WHERE es.event_id = e.id AND coalesce(nullif(s.name, ''), nullif(s.handle, '')) IS NOT NULL))"
                    ),
                    &args,
                    1,
                    false,
                ));
            }
            (None, _) => queries.push((
                format!(
                    "SELECT k, {sums} FROM (SELECT {key} AS k, {cols} FROM events e {unreviewed}) GROUP BY k"
                ),
                &args,
                1,
                by_day,
            )),
        }
        // Signed while cells are added and reviewed events subtracted.
        let mut groups: BTreeMap<String, [i64; 5]> = BTreeMap::new();
        for (sql, q_args, sign, day_key) in queries {
            let mut st = self.conn.prepare(&sql)?;
            let mut rows = st.query(rusqlite::params_from_iter(q_args.iter()))?;
            while let Some(r) = rows.next()? {
                let events: i64 = r.get::<_, Option<i64>>(1)?.unwrap_or(0);
                if events == 0 {
                    // The ungrouped "unknown source" aggregate answers one row even when empty.
                    continue;
                }
                let raw: Option<String> = r.get(0)?;
                let key = if day_key {
                    date_key(by, raw.as_deref())?
                } else {
                    raw.unwrap_or_else(|| UNKNOWN.to_string())
                };
                let g = groups.entry(key).or_default();
                g[0] += sign * events;
                for (i, slot) in g.iter_mut().enumerate().skip(1) {
                    *slot += sign * r.get::<_, Option<i64>>(i + 1)?.unwrap_or(0);
                }
            }
        }
        if !reviewed.is_empty() {
            let sql = format!(
                "SELECT e.id, e.json FROM events e {where_sql}{and} e.id IN (SELECT value FROM json_each(?{n}))"
            );
            let mut st = self.conn.prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, json) = row?;
                let rec = EventRecord {
                    id,
                    summary: serde_json::from_str(&json)?,
                    reviews: reviews.get(&id).cloned().unwrap_or_default(),
                };
                // As in `events`: rejected events are out unless asked for, and reviewed ones are
                // out of the review queue.
                if (!f.include_rejected && rec.status() == Some("rejected")) || f.max_confidence.is_some() {
                    continue;
                }
                let v = rec.to_json();
                let est = |k: &str| {
                    v["fatalities_estimate"][k].as_u64().map_or(0, |x| i64::try_from(x).unwrap_or(i64::MAX))
                };
                for key in json_keys(by, &v)? {
                    let g = groups.entry(key).or_default();
                    g[0] += 1;
                    g[1] += est("low");
                    g[2] += est("best");
                    g[3] += est("high");
                    g[4] += i64::from(v["fatalities_estimate"]["best"].is_u64());
                }
            }
        }
        let to_u64 = |x: i64| u64::try_from(x).unwrap_or(0);
        Ok(groups
            .into_iter()
            .filter(|(_, g)| g[0] > 0)
            .map(|(key, g)| CountRow {
                key,
                events: to_u64(g[0]),
                fatalities_low: to_u64(g[1]),
                fatalities_best: to_u64(g[2]),
                fatalities_high: to_u64(g[3]),
                with_figures: to_u64(g[4]),
            })
            .collect())
    }
}

const UNKNOWN: &str = "unknown";

/// The day, ISO week (`2023-W13`) or month (`2023-03`) of a stored `YYYY-MM-DD` date.
fn date_key(by: CountBy, day: Option<&str>) -> Result<String> {
    let Some(day) = day else { return Ok(UNKNOWN.to_string()) };
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("stored event date {day:?} is not YYYY-MM-DD")))?;
    Ok(match by {
        CountBy::Week => {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        CountBy::Month => format!("{}-{:02}", d.year(), d.month()),
        _ => d.to_string(),
    })
}

/// The groups of one event as shown (`EventRecord::to_json`, analyst edits applied).
fn json_keys(by: CountBy, v: &serde_json::Value) -> Result<Vec<String>> {
    let text = |x: &serde_json::Value| x.as_str().map(str::to_string);
    Ok(match by {
        CountBy::Day | CountBy::Week | CountBy::Month => vec![date_key(by, v["date"].as_str())?],
        CountBy::Admin1 => vec![text(&v["location"]["admin1"]).unwrap_or_else(|| UNKNOWN.into())],
        CountBy::Actor => vec![text(&v["actor1"]["name"]).unwrap_or_else(|| UNKNOWN.into())],
        CountBy::Type => vec![
            text(&v["sub_event_type"])
                .or_else(|| text(&v["event_type"]))
                .or_else(|| text(&v["plover"]["type"]))
                .unwrap_or_else(|| UNKNOWN.into()),
        ],
        CountBy::Source => {
            let names: Vec<String> = v["sources"].as_array().into_iter().flatten().filter_map(text).collect();
            if names.is_empty() { vec![UNKNOWN.into()] } else { names }
        }
    })
}
