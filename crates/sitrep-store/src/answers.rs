//! Read-only queries for the answers (report, HTTP API, dashboard): documents, sources,
//! statements and tallies with the document and source they came from. No NLP, no writes.

use crate::{Error, Result, Store};
use chrono::NaiveDate;
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

    /// Events in the filter, skipping the first `offset` (the store's filter has only a limit).
    pub fn events_page(
        &self,
        f: &crate::EventFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<crate::EventRecord>> {
        let mut g = f.clone();
        g.limit = Some(offset.checked_add(limit).ok_or_else(|| Error::Invalid("offset too large".into()))?);
        let mut all = self.events(&g)?;
        Ok(if offset >= all.len() { Vec::new() } else { all.split_off(offset) })
    }
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
}
