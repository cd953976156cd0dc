//! Statements and tallies consolidated across documents: the same statement (speaker, kind,
//! target, near publication days) or the same tally (count, types, actors, places, overlapping
//! windows) reported by several documents is one group, each report kept.

use crate::answers::{RecordFilter, StatementRow, TallyRow};
use crate::{Result, Store};
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use sitrep_consolidate::group_records;
use sitrep_model::Tally;
use std::collections::HashMap;

/// One consolidated statement: the first matching report, and every report of the group.
#[derive(Debug, Clone, Serialize)]
pub struct StatementGroup {
    /// The id of the group's first report.
    pub group: i64,
    pub row: StatementRow,
    /// Every report of the group (statement ids), and their documents (ids as given at ingest).
    pub members: Vec<i64>,
    pub documents: Vec<String>,
}

/// One consolidated tally, as [`StatementGroup`].
#[derive(Debug, Clone, Serialize)]
pub struct TallyGroup {
    pub group: i64,
    pub row: TallyRow,
    pub members: Vec<i64>,
    pub documents: Vec<String>,
}

/// A report's key for grouping, and the days it may be about.
type Keyed<K> = (K, Option<(NaiveDate, NaiveDate)>);
/// Group of each record; each group's member ids and documents.
type Members = (HashMap<i64, i64>, HashMap<i64, (Vec<i64>, Vec<String>)>);

fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// The days before publication a report may be about, as for undated event mentions.
fn published_window(p: Option<NaiveDate>, days: u64) -> Option<(NaiveDate, NaiveDate)> {
    p.and_then(|p| Some((p.checked_sub_days(Days::new(days))?, p)))
}

fn write_groups(tx: &Transaction, table: &str, ids: &[i64], heads: &[usize]) -> Result<()> {
    let mut st =
        tx.prepare_cached(&format!("UPDATE {table} SET group_id = ?2 WHERE id = ?1 AND group_id IS NOT ?2"))?;
    for (id, head) in ids.iter().zip(heads) {
        st.execute([*id, ids[*head]])?;
    }
    Ok(())
}

/// Regroups every statement and tally (only ids and keys are read: light even for a big store).
pub(crate) fn regroup(tx: &Transaction, days: u64) -> Result<()> {
    type Key = (String, String, String);
    let mut ids = Vec::new();
    let mut items: Vec<Keyed<Key>> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT t.id, lower(trim(t.speaker)), t.kind, lower(trim(coalesce(t.target, ''))), d.published_date
             FROM statements t JOIN documents d ON d.id = t.document_id ORDER BY t.id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            ids.push(r.get::<_, i64>(0)?);
            items.push(((r.get(1)?, r.get(2)?, r.get(3)?), published_window(day(r.get(4)?), days)));
        }
    }
    write_groups(tx, "statements", &ids, &group_records(&items))?;
    // A tally's key: its count, types, actors and places; its window: its own dates, else the
    // days before publication.
    let mut ids = Vec::new();
    let mut items: Vec<Keyed<(u32, String)>> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT t.id, t.json, d.published_date FROM tallies t JOIN documents d ON d.id = t.document_id
             ORDER BY t.id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let json: String = r.get(1)?;
            let t: Tally = serde_json::from_str(&json)?;
            let name = |a: &Option<sitrep_model::ActorRef>| {
                a.as_ref().map(|a| a.name.trim().to_lowercase()).unwrap_or_default()
            };
            let mut places: Vec<String> = t.locations.iter().map(|l| l.name.trim().to_lowercase()).collect();
            places.sort();
            let key = format!(
                "{}|{}|{}|{}|{}",
                t.event_type.map_or("", |x| x.as_str()),
                t.sub_event_type.map_or("", |x| x.as_str()),
                name(&t.actor1),
                name(&t.actor2),
                places.join(";")
            );
            let window = match t.date {
                Some(s) => Some((s, t.date_end.unwrap_or(s).max(s))),
                None => published_window(day(r.get(2)?), days),
            };
            ids.push(r.get::<_, i64>(0)?);
            items.push(((t.count, key), window));
        }
    }
    write_groups(tx, "tallies", &ids, &group_records(&items))?;
    Ok(())
}

/// (group, member ids, member documents) of the groups of these records.
fn members_of(conn: &Connection, table: &str, ids: &[i64]) -> Result<Members> {
    let mut group_of = HashMap::new();
    {
        let mut st = conn.prepare(&format!(
            "SELECT id, coalesce(group_id, id) FROM {table} WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let mut rows = st.query([serde_json::to_string(ids)?])?;
        while let Some(r) = rows.next()? {
            group_of.insert(r.get::<_, i64>(0)?, r.get::<_, i64>(1)?);
        }
    }
    let mut groups: Vec<i64> = group_of.values().copied().collect();
    groups.sort_unstable();
    groups.dedup();
    let mut members: HashMap<i64, (Vec<i64>, Vec<String>)> = HashMap::new();
    let mut st = conn.prepare(&format!(
        "SELECT coalesce(t.group_id, t.id), t.id, d.doc_id FROM {table} t JOIN documents d ON d.id = t.document_id
         WHERE coalesce(t.group_id, t.id) IN (SELECT value FROM json_each(?1))
            OR t.id IN (SELECT value FROM json_each(?1))
         ORDER BY t.id"
    ))?;
    let mut rows = st.query([serde_json::to_string(&groups)?])?;
    while let Some(r) = rows.next()? {
        let e = members.entry(r.get(0)?).or_default();
        e.0.push(r.get(1)?);
        let doc: String = r.get(2)?;
        if !e.1.contains(&doc) {
            e.1.push(doc);
        }
    }
    Ok((group_of, members))
}

impl Store {
    /// Consolidated statements: the statements the filter selects, one per group (the first
    /// that matches, in [`Store::statements`] order), each with all its group's reports and
    /// documents. Before the first consolidation every statement is its own group.
    pub fn statement_groups(&self, f: &RecordFilter) -> Result<Vec<StatementGroup>> {
        let rows = self.statements(f)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let (group_of, mut members) = members_of(self.connection(), "statements", &ids)?;
        let mut out = Vec::new();
        for row in rows {
            let group = group_of.get(&row.id).copied().unwrap_or(row.id);
            if let Some((members, documents)) = members.remove(&group) {
                out.push(StatementGroup { group, row, members, documents });
            }
        }
        Ok(out)
    }

    /// Consolidated tallies, as [`Store::statement_groups`].
    pub fn tally_groups(&self, f: &RecordFilter) -> Result<Vec<TallyGroup>> {
        let rows = self.tallies(f)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let (group_of, mut members) = members_of(self.connection(), "tallies", &ids)?;
        let mut out = Vec::new();
        for row in rows {
            let group = group_of.get(&row.id).copied().unwrap_or(row.id);
            if let Some((members, documents)) = members.remove(&group) {
                out.push(TallyGroup { group, row, members, documents });
            }
        }
        Ok(out)
    }
}
