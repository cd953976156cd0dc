//! Read-only queries for the answers (report, HTTP API, dashboard): documents, sources,
//! statements and tallies with the document and source they came from. No NLP, no writes.

use crate::{Error, Result, Store};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::Serialize;
use sitrep_model::{Span, Statement, Tally};

/// Where a record came from: its document and that document's source.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocInfo {
    pub doc_id: String,
    pub published: Option<String>,
    pub published_date: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Source name, else its handle.
    pub source: Option<String>,
    pub affiliation: Option<String>,
    pub source_kind: Option<String>,
}

/// One stored statement with its document.
#[derive(Debug, Clone, Serialize)]
pub struct StatementRow {
    pub id: i64,
    pub doc: DocInfo,
    pub statement: Statement,
}

/// One stored tally with its document.
#[derive(Debug, Clone, Serialize)]
pub struct TallyRow {
    pub id: i64,
    pub doc: DocInfo,
    pub tally: Tally,
}

/// A source with the number of documents it published.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub handle: String,
    pub kind: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub documents: i64,
}

/// A mention's evidence inside its document, for highlighting.
#[derive(Debug, Clone, Serialize)]
pub struct MentionSpans {
    pub key: String,
    pub event_id: Option<i64>,
    pub evidence: Vec<Span>,
}

/// A document with its full text and the spans of what was extracted from it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentFull {
    #[serde(flatten)]
    pub info: DocInfo,
    pub text: String,
    pub mentions: Vec<MentionSpans>,
    pub statements: Vec<StatementRow>,
    pub tallies: Vec<TallyRow>,
}

/// Which statements or tallies to return. Dates are those of the record (a tally's window
/// meets `from..=to`) or, for statements, which carry none, their document's publication day.
#[derive(Debug, Default, Clone)]
pub struct RecordFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Statement kind (`reject`, `assert_figure`, …); ignored for tallies.
    pub kind: Option<String>,
    /// Speaker name or affiliation of the statement, or the source's affiliation.
    pub party: Option<String>,
    /// Only records of these documents (ids as given at ingest).
    pub doc_ids: Option<Vec<String>>,
    pub limit: Option<usize>,
    pub offset: usize,
}

const DOC_COLUMNS: &str = "d.doc_id, d.published, d.published_date, d.title, d.url,
    coalesce(nullif(s.name, ''), nullif(s.handle, '')), s.affiliation, s.kind";

fn doc_info(r: &rusqlite::Row, at: usize) -> rusqlite::Result<DocInfo> {
    let date: Option<String> = r.get(at + 2)?;
    Ok(DocInfo {
        doc_id: r.get(at)?,
        published: r.get(at + 1)?,
        published_date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        title: r.get(at + 3)?,
        url: r.get(at + 4)?,
        source: r.get(at + 5)?,
        affiliation: r.get(at + 6)?,
        source_kind: r.get(at + 7)?,
    })
}

/// Appends `?N` placeholders for each value and returns them comma-separated.
fn placeholders(args: &mut Vec<Value>, values: &[String]) -> String {
    let mut ps = Vec::with_capacity(values.len());
    for v in values {
        args.push(Value::Text(v.clone()));
        ps.push(format!("?{}", args.len()));
    }
    ps.join(", ")
}

fn limit_sql(f: &RecordFilter) -> String {
    match f.limit {
        Some(l) => format!(" LIMIT {l} OFFSET {}", f.offset),
        None if f.offset > 0 => format!(" LIMIT -1 OFFSET {}", f.offset),
        None => String::new(),
    }
}

impl Store {
    /// Document and source of each id given (ids unknown to the store are left out).
    pub fn doc_infos(&self, doc_ids: &[String]) -> Result<Vec<DocInfo>> {
        let mut out = Vec::new();
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id
             WHERE d.doc_id = ?1 ORDER BY d.id LIMIT 1"
        ))?;
        for id in doc_ids {
            let mut rows = st.query([id])?;
            if let Some(r) = rows.next()? {
                out.push(doc_info(r, 0)?);
            }
        }
        Ok(out)
    }

    /// Documents, newest publication first.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocInfo>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id
             ORDER BY d.published_date DESC, d.id LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = st.query_map([limit as i64, offset as i64], |r| doc_info(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document with its text and the spans of its mentions, statements and tallies.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentFull>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.text, {DOC_COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id
             WHERE d.doc_id = ?1 ORDER BY d.id LIMIT 1"
        ))?;
        let mut rows = st.query([doc_id])?;
        let Some(r) = rows.next()? else { return Ok(None) };
        let row_id: i64 = r.get(0)?;
        let text: String = r.get(1)?;
        let info = doc_info(r, 2)?;
        drop(rows);
        let mut ms = self.conn.prepare_cached(
            "SELECT m.mention_key, em.event_id, m.evidence FROM mentions m
             LEFT JOIN event_mentions em ON em.mention_id = m.id WHERE m.document_id = ?1 ORDER BY m.ordinal",
        )?;
        let raw = ms
            .query_map([row_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut mentions = Vec::with_capacity(raw.len());
        for (key, event_id, ev) in raw {
            mentions.push(MentionSpans { key, event_id, evidence: serde_json::from_str(&ev)? });
        }
        let only = RecordFilter { doc_ids: Some(vec![info.doc_id.clone()]), ..RecordFilter::default() };
        let statements = self.statements(&only)?;
        let tallies = self.tallies(&only)?;
        Ok(Some(DocumentFull { info, text, mentions, statements, tallies }))
    }

    /// Sources with their document counts, by name.
    pub fn sources(&self) -> Result<Vec<SourceRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.id, s.name, s.handle, s.kind, s.affiliation, s.country,
                    (SELECT count(*) FROM documents d WHERE d.source_id = s.id)
             FROM sources s ORDER BY s.name, s.handle",
        )?;
        let rows = st.query_map([], |r| {
            Ok(SourceRow {
                id: r.get(0)?,
                name: r.get(1)?,
                handle: r.get(2)?,
                kind: r.get(3)?,
                affiliation: r.get(4)?,
                country: r.get(5)?,
                documents: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Statements by document publication day, speaker, kind or documents.
    pub fn statements(&self, f: &RecordFilter) -> Result<Vec<StatementRow>> {
        let mut args: Vec<Value> = Vec::new();
        let mut clauses: Vec<String> = Vec::new();
        if let Some(d) = f.from {
            args.push(Value::Text(d.to_string()));
            clauses.push(format!("d.published_date >= ?{}", args.len()));
        }
        if let Some(d) = f.to {
            args.push(Value::Text(d.to_string()));
            clauses.push(format!("d.published_date <= ?{}", args.len()));
        }
        if let Some(k) = &f.kind {
            args.push(Value::Text(k.clone()));
            clauses.push(format!("t.kind = ?{} COLLATE NOCASE", args.len()));
        }
        if let Some(p) = &f.party {
            args.push(Value::Text(p.clone()));
            let n = args.len();
            clauses.push(format!(
                "(t.speaker = ?{n} COLLATE NOCASE OR t.affiliation = ?{n} COLLATE NOCASE
                  OR s.affiliation = ?{n} COLLATE NOCASE)"
            ));
        }
        if let Some(ids) = &f.doc_ids {
            let ps = placeholders(&mut args, ids);
            clauses.push(format!("d.doc_id IN ({ps})"));
        }
        let where_sql =
            if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let sql = format!(
            "SELECT t.id, t.json, {DOC_COLUMNS} FROM statements t JOIN documents d ON d.id = t.document_id
             LEFT JOIN sources s ON s.id = d.source_id {where_sql}
             ORDER BY d.published_date, d.id, t.ordinal{}",
            limit_sql(f)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, doc_info(r, 2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json, doc) = row?;
            out.push(StatementRow { id, doc, statement: serde_json::from_str(&json)? });
        }
        Ok(out)
    }

    /// Tallies whose window meets `from..=to` (an undated tally: its document's publication day).
    pub fn tallies(&self, f: &RecordFilter) -> Result<Vec<TallyRow>> {
        let mut args: Vec<Value> = Vec::new();
        let mut clauses: Vec<String> = Vec::new();
        if let Some(d) = f.from {
            args.push(Value::Text(d.to_string()));
            clauses.push(format!("coalesce(t.date_end, t.date, d.published_date) >= ?{}", args.len()));
        }
        if let Some(d) = f.to {
            args.push(Value::Text(d.to_string()));
            clauses.push(format!("coalesce(t.date, d.published_date) <= ?{}", args.len()));
        }
        if let Some(p) = &f.party {
            args.push(Value::Text(p.clone()));
            clauses.push(format!("s.affiliation = ?{} COLLATE NOCASE", args.len()));
        }
        if let Some(ids) = &f.doc_ids {
            let ps = placeholders(&mut args, ids);
            clauses.push(format!("d.doc_id IN ({ps})"));
        }
        let where_sql =
            if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let sql = format!(
            "SELECT t.id, t.json, {DOC_COLUMNS} FROM tallies t JOIN documents d ON d.id = t.document_id
             LEFT JOIN sources s ON s.id = d.source_id {where_sql}
             ORDER BY coalesce(t.date, d.published_date), d.id, t.ordinal{}",
            limit_sql(f)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, doc_info(r, 2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json, doc) = row?;
            out.push(TallyRow { id, doc, tally: serde_json::from_str(&json)? });
        }
        Ok(out)
    }

    /// Events in the filter, skipping the first `offset` (see [`Store::events_at`]).
    pub fn events_page(
        &self,
        f: &crate::EventFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<crate::EventRecord>> {
        Ok(self.events_at(f, offset, limit)?.events)
    }

    /// Up to `limit` events of the filter that come after `after` in the list's order (date,
    /// then id; undated events first), and the cursor of the page's last event when more follow.
    /// Keyset paging: the cost does not grow with the depth of the page. `f.limit` is ignored.
    pub fn events_after(
        &self,
        f: &crate::EventFilter,
        after: Option<&EventCursor>,
        limit: usize,
    ) -> Result<EventPage> {
        let (where_sql, mut args) = self.page_filter(f)?;
        let mut sql = format!("SELECT e.id, e.date, e.json FROM events e {where_sql}");
        if let Some(c) = after {
            let and = if where_sql.is_empty() { " WHERE" } else { " AND" };
            args.push(Value::Integer(c.id));
            let id = args.len();
            match &c.date {
                Some(d) => {
                    args.push(Value::Text(d.clone()));
                    let d = args.len();
                    // `date >= d` on its own is what lets the date index seek to the cursor.
                    sql.push_str(&format!("{and} e.date >= ?{d} AND (e.date > ?{d} OR e.id > ?{id})"));
                }
                // Undated events sort first (NULL is smallest): after one come the later
                // undated ones, then every dated one.
                None => sql.push_str(&format!("{and} (e.date IS NOT NULL OR e.id > ?{id})")),
            }
        }
        sql.push_str(" ORDER BY e.date, e.id");
        let reviews = self.reviews_by_event()?;
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
        let mut page = EventPage::default();
        let mut last: Option<EventCursor> = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let date: Option<String> = r.get(1)?;
            let json: String = r.get(2)?;
            let rec = crate::EventRecord {
                id,
                summary: serde_json::from_str(&json)?,
                reviews: reviews.get(&id).cloned().unwrap_or_default(),
            };
            if !shown(f, &rec) {
                continue;
            }
            if page.events.len() == limit {
                // One more event exists: the page's last one is where the next page starts.
                page.next = last;
                break;
            }
            last = Some(EventCursor { date, id });
            page.events.push(rec);
        }
        Ok(page)
    }

    /// The page at `offset`: the skipped events are counted by day from the date index (no row,
    /// no sort by id, no JSON), the day holding the last skipped one is searched for it, then the
    /// page is read as [`Store::events_after`].
    pub fn events_at(&self, f: &crate::EventFilter, offset: usize, limit: usize) -> Result<EventPage> {
        if offset == 0 {
            return self.events_after(f, None, limit);
        }
        let (where_sql, mut args) = self.page_filter(f)?;
        // Whether a reviewed event shows is EventRecord's rule; reviewed events are few.
        let mut hidden = Vec::new();
        for (id, reviews) in self.reviews_by_event()? {
            let json: Option<String> = self
                .conn
                .query_row("SELECT json FROM events WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            let Some(json) = json else { continue };
            let rec = crate::EventRecord { id, summary: serde_json::from_str(&json)?, reviews };
            if !shown(f, &rec) {
                hidden.push(id);
            }
        }
        args.push(Value::Text(serde_json::to_string(&hidden)?));
        let and = if where_sql.is_empty() { "WHERE" } else { " AND" };
        let shown_sql =
            format!("{where_sql}{and} e.id NOT IN (SELECT value FROM json_each(?{}))", args.len());
        let mut st = self.conn.prepare(&format!(
            "SELECT e.date, count(*) FROM events e {shown_sql} GROUP BY e.date ORDER BY e.date"
        ))?;
        let mut days = st.query(rusqlite::params_from_iter(args.iter()))?;
        let mut before = 0usize;
        while let Some(r) = days.next()? {
            let date: Option<String> = r.get(0)?;
            let n = usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
            if before + n < offset {
                before += n;
                continue;
            }
            let mut day_args = args.clone();
            day_args.push(date.clone().map_or(Value::Null, Value::Text));
            let d = day_args.len();
            day_args.push(Value::Integer(i64::try_from(offset - before - 1).unwrap_or(i64::MAX)));
            let k = day_args.len();
            let id: i64 = self.conn.query_row(
                &format!("SELECT e.id FROM events e {shown_sql} AND e.date IS ?{d} ORDER BY e.id LIMIT 1 OFFSET ?{k}"),
                rusqlite::params_from_iter(day_args.iter()),
                |r| r.get(0),
            )?;
            return self.events_after(f, Some(&EventCursor { date, id }), limit);
        }
        Ok(EventPage::default())
    }
}

impl Store {
    /// The filter's WHERE clause. It bounds `date` from below when the filter has a `from`
    /// (`from` minus the longest window, migration 6), so a page over a recent window starts in
    /// the date index instead of walking every older event. (This once also asked for the first
    /// start among events ending on or after `from`: over 10M events that read every such row.)
    fn page_filter(&self, f: &crate::EventFilter) -> Result<(String, Vec<Value>)> {
        let (where_sql, args) = crate::query::filter_sql(f);
        Ok((where_sql, args))
    }
}

/// As in [`Store::events`]: a rejected event only when asked for; a reviewed one has left the
/// review queue.
fn shown(f: &crate::EventFilter, rec: &crate::EventRecord) -> bool {
    let status = rec.status();
    (f.include_rejected || status != Some("rejected")) && (f.max_confidence.is_none() || status.is_none())
}

/// A place in the list of events (by date, then id): the last event of a page. Written as
/// `2023-03-05_123` (`none_123` for an undated event); `FromStr` reads back what `Display` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCursor {
    /// The event's first day as stored (`YYYY-MM-DD`); None for an undated event.
    pub date: Option<String>,
    pub id: i64,
}

impl std::fmt::Display for EventCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}", self.date.as_deref().unwrap_or("none"), self.id)
    }
}

impl std::str::FromStr for EventCursor {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::Invalid(format!("cursor={s:?}: not a cursor (pass back a next_cursor as given)"));
        let (date, id) = s.split_once('_').ok_or_else(bad)?;
        // Digits only, no leading zero: one id has one spelling, as `Display` writes it.
        if id.starts_with('0') || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let id: i64 = id.parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
        let date = match date {
            "none" => None,
            d => {
                let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?;
                // Stored dates are NaiveDate's own format; a cursor must compare as they do.
                if day.to_string() != d {
                    return Err(bad());
                }
                Some(d.to_string())
            }
        };
        Ok(EventCursor { date, id })
    }
}

/// One page of events and where the next one starts (None: no event follows).
#[derive(Debug, Default)]
pub struct EventPage {
    pub events: Vec<crate::EventRecord>,
    pub next: Option<EventCursor>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Item;
    use sitrep_model::{DocOutput, Document, Source, Speaker, StatementKind};

    fn stmt(kind: StatementKind, speaker: &str, aff: &str) -> Statement {
        Statement {
            speaker: Speaker { name: speaker.into(), text: None, affiliation: Some(aff.into()) },
            kind,
            plover: kind.plover(),
            target: None,
            quote: Some("q".into()),
            figures: vec![],
            evidence: vec![Span::new(0, 1)],
            confidence: 1.0,
        }
    }

    fn store_with_two_docs() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let mut a = Document::new("a", "alpha text", NaiveDate::from_ymd_opt(2023, 3, 1));
        a.source = Some(Source {
            name: Some("Wire".into()),
            affiliation: Some("independent".into()),
            ..Source::default()
        });
        let b = Document::new("b", "beta text", NaiveDate::from_ymd_opt(2023, 3, 20));
        let oa = DocOutput {
            doc_id: "a".into(),
            statements: vec![stmt(StatementKind::Reject, "Mujahid", "Taliban")],
            ..DocOutput::default()
        };
        let ob = DocOutput {
            doc_id: "b".into(),
            statements: vec![stmt(StatementKind::AssertFigure, "Kurilla", "CENTCOM")],
            ..DocOutput::default()
        };
        let (ha, hb) = (crate::content_hash(&a.text), crate::content_hash(&b.text));
        s.write_batch(&[
            Item { doc: &a, hash: &ha, output: &oa, origin: None },
            Item { doc: &b, hash: &hb, output: &ob, origin: None },
        ])
        .unwrap();
        s
    }

    #[test]
    fn statements_filter_by_day_kind_party_and_doc() {
        let s = store_with_two_docs();
        let all = s.statements(&RecordFilter::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].doc.affiliation.as_deref(), Some("independent"));
        let f = RecordFilter { from: NaiveDate::from_ymd_opt(2023, 3, 10), ..RecordFilter::default() };
        assert_eq!(s.statements(&f).unwrap()[0].doc.doc_id, "b");
        let f = RecordFilter { kind: Some("REJECT".into()), ..RecordFilter::default() };
        assert_eq!(s.statements(&f).unwrap().len(), 1);
        let f = RecordFilter { party: Some("centcom".into()), ..RecordFilter::default() };
        assert_eq!(s.statements(&f).unwrap()[0].statement.speaker.name, "Kurilla");
        let f = RecordFilter { doc_ids: Some(vec!["a".into()]), ..RecordFilter::default() };
        assert_eq!(s.statements(&f).unwrap().len(), 1);
        let f = RecordFilter { limit: Some(1), offset: 1, ..RecordFilter::default() };
        assert_eq!(s.statements(&f).unwrap()[0].doc.doc_id, "b");
    }

    #[test]
    fn documents_sources_and_one_document() {
        let s = store_with_two_docs();
        assert_eq!(s.documents(10, 0).unwrap()[0].doc_id, "b");
        let src = s.sources().unwrap();
        assert_eq!(src.len(), 1);
        assert_eq!(src[0].documents, 1);
        let d = s.document("a").unwrap().unwrap();
        assert_eq!(d.text, "alpha text");
        assert_eq!(d.statements.len(), 1);
        assert!(s.document("nope").unwrap().is_none());
        assert_eq!(s.doc_infos(&["b".into(), "zz".into()]).unwrap().len(), 1);
    }

    /// Events on distinct days and places (so none merge), one undated, one rejected.
    fn store_with_events() -> Store {
        use sitrep_model::{Count, Event, GeoPrecision, Location, Plover, PloverType};
        let mut s = Store::open_in_memory().unwrap();
        let places = ["Kabul", "Herat", "Balkh", "Kandahar", "Kunar", "Nangarhar", "Ghazni", "Paktia"];
        let docs: Vec<(Document, DocOutput)> = places
            .iter()
            .enumerate()
            .map(|(i, place)| {
                // Event 3 has no date, nor has its document (consolidation would date it by that).
                let published = (i != 3).then(|| NaiveDate::from_ymd_opt(2023, 4, 1)).flatten();
                let d = Document::new(format!("d{i}"), format!("text {i}"), published);
                let day = u32::try_from(i).unwrap() / 2 + 1; // two events a day: ties broken by id
                let e = Event {
                    event_type: None,
                    sub_event_type: None,
                    plover: Plover { kind: PloverType::Assault, mode: None },
                    cameo: None,
                    actor1: None,
                    actor2: None,
                    location: Some(Location {
                        name: (*place).into(),
                        text: None,
                        admin1: Some((*place).into()),
                        admin2: None,
                        country: Some(if i % 2 == 0 { "AF" } else { "PK" }.into()),
                        lat: None,
                        lon: None,
                        geonameid: None,
                        precision: GeoPrecision::Province,
                        approximate: false,
                    }),
                    date: (i != 3).then(|| NaiveDate::from_ymd_opt(2023, 3, day)).flatten(),
                    // Event 5 runs from 3 to 20 March: a later `from` still meets it.
                    date_end: (i == 5).then(|| NaiveDate::from_ymd_opt(2023, 3, 20)).flatten(),
                    date_precision: (i == 5).then_some(sitrep_model::DatePrecision::Range),
                    date_source: None,
                    fatalities: Count::exact(1),
                    injured: Count::UNKNOWN,
                    claimed_by: None,
                    victims: vec![],
                    background: false,
                    trigger: None,
                    evidence: vec![Span::new(0, 4)],
                    confidence: 0.5,
                };
                let o = DocOutput { doc_id: d.id.clone(), events: vec![e], ..DocOutput::default() };
                (d, o)
            })
            .collect();
        let hashes: Vec<String> = docs.iter().map(|(d, _)| crate::content_hash(&d.text)).collect();
        let items: Vec<Item> = docs
            .iter()
            .zip(&hashes)
            .map(|((d, o), h)| Item { doc: d, hash: h, output: o, origin: None })
            .collect();
        s.write_batch(&items).unwrap();
        s.consolidate(sitrep_consolidate::Rules::embedded().unwrap(), false).unwrap();
        let all = s.events(&crate::EventFilter::default()).unwrap();
        assert_eq!(all.len(), places.len(), "the fixture's events must stay apart");
        s.review(all[4].id, "reject", "duplicate", "ana", None).unwrap();
        s
    }

    fn ids(evs: &[crate::EventRecord]) -> Vec<i64> {
        evs.iter().map(|e| e.id).collect()
    }

    #[test]
    fn keyset_and_offset_pages_walk_the_list_in_order() {
        let s = store_with_events();
        let f = crate::EventFilter::default;
        // One filter per line.
        let filters = [
            f(),
            crate::EventFilter { include_rejected: true, ..f() },
            crate::EventFilter { country: Some("af".into()), ..f() },
            crate::EventFilter { from: NaiveDate::from_ymd_opt(2023, 3, 2), ..f() },
            crate::EventFilter { from: NaiveDate::from_ymd_opt(2023, 3, 4), ..f() },
            crate::EventFilter { max_confidence: Some(0.9), ..f() },
        ];
        for filter in &filters {
            let want = ids(&s.events(filter).unwrap());
            assert!(!want.is_empty(), "{filter:?}");
            for limit in 1..=want.len() + 1 {
                let (mut got, mut after) = (Vec::new(), None);
                loop {
                    let page = s.events_after(filter, after.as_ref(), limit).unwrap();
                    assert!(page.events.len() <= limit);
                    got.extend(ids(&page.events));
                    match page.next {
                        Some(c) => {
                            assert_eq!(page.events.len(), limit, "a short page has no next");
                            assert_eq!(c.id, *got.last().unwrap());
                            after = Some(c);
                        }
                        None => break,
                    }
                }
                assert_eq!(got, want, "limit {limit}, {filter:?}");
                for offset in 0..=want.len() {
                    let page = s.events_at(filter, offset, limit).unwrap();
                    let end = (offset + limit).min(want.len());
                    assert_eq!(ids(&page.events), want[offset..end], "offset {offset} limit {limit}");
                    assert_eq!(page.next.is_some(), end < want.len(), "offset {offset} limit {limit}");
                }
            }
        }
        let late = crate::EventFilter { from: NaiveDate::from_ymd_opt(2023, 3, 4), ..f() };
        let running = s.events(&late).unwrap();
        assert!(
            running.iter().any(|e| e.summary.event.date < late.from),
            "the fixture must hold an event that started before `from` and still runs"
        );
        let everything = ids(&s.events(&crate::EventFilter { include_rejected: true, ..f() }).unwrap());
        assert_eq!(everything.len(), 8);
        let undated = s.events_after(&f(), None, 1).unwrap();
        assert_eq!(undated.events[0].summary.event.date, None, "undated events come first");
        assert_eq!(undated.next.as_ref().map(|c| c.date.clone()), Some(None));
    }

    #[test]
    fn cursors_read_back_what_they_wrote() {
        type Want = Option<(Option<&'static str>, i64)>;
        let cases: &[(&str, Want)] = &[
            ("2023-03-05_12", Some((Some("2023-03-05"), 12))),
            ("none_7", Some((None, 7))),
            ("2023-3-5_12", None),
            ("2023-02-30_12", None),
            ("2023-03-05_0", None),
            ("2023-03-05_-4", None),
            ("2023-03-05_+4", None),
            ("none_012", None),
            ("2023-03-05", None),
            ("_12", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = text.parse::<EventCursor>().ok();
            let want = want.map(|(d, id)| EventCursor { date: d.map(String::from), id });
            assert_eq!(got, want, "{text}");
            if let Some(c) = got {
                assert_eq!(c.to_string(), *text);
            }
        }
    }
}
