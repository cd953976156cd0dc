//! sitrep's store.
//!
//! - In: documents with their extraction records (`sitrep-model` types), clusters from
//!   `sitrep-consolidate`, analyst reviews.
//! - Out: an SQLite database (WAL) with sources, documents, mentions, events, statements,
//!   tallies, actors, places and reviews; queries over it.
//! - Never: NLP. The store does not know how records were extracted. Never a partial document:
//!   a document and its mentions are written in one transaction, so a crash loses or keeps both.

pub mod answers;
mod cubes;
mod groups;
mod keys;
mod query;

pub use groups::{StatementGroup, TallyGroup};
pub use query::{CountBy, CountRow, EventFilter, EventRecord, ExplainedMention, Explanation};

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use sitrep_consolidate::{Consolidator, Footprint, Link, Mention, Rules};
use sitrep_model::{DocOutput, Document, Event, Source};
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored JSON does not parse (was the database written by a newer sitrep?): {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "the database is at schema version {found}, newer than this sitrep knows ({known}): upgrade sitrep"
    )]
    TooNew { found: i64, known: i64 },
    #[error("no event with id {0}")]
    NoEvent(i64),
    #[error("{0}")]
    Invalid(String),
    #[error("consolidation rules: {0}")]
    Rules(#[from] sitrep_consolidate::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Each entry is one schema version; `PRAGMA user_version` counts how many have run.
/// The triggers `cubes::rebuild_sql` creates.
const CUBE_TRIGGERS: i64 = cubes::TRIGGERS;
/// The migration that creates the first count cubes: they are filled once the schema is current.
const CUBES_MIGRATION: usize = 8;
/// The migration that adds the actor and source words (keys.rs) and four more cubes.
const KEYS_MIGRATION: usize = 9;

const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("migration_2.sql"),
    include_str!("migration_3.sql"),
    include_str!("migration_4.sql"),
    include_str!("migration_5.sql"),
    include_str!("migration_6.sql"),
    include_str!("migration_7.sql"),
    include_str!("migration_8.sql"),
    include_str!("migration_9.sql"),
];

/// The SQL that stops the cube triggers, for a bulk loader that then runs
/// [`rebuild_query_tables_sql`] (which fills the cubes once and puts the triggers back): one
/// `GROUP BY` at the end instead of a cell update per inserted event.
pub fn drop_query_triggers_sql() -> &'static str {
    cubes::DROP_TRIGGERS
}

/// The SQL of [`Store::rebuild_query_tables`], for a loader that holds only a connection to a
/// store at the current schema: run it in one transaction after writing events and lookup rows.
pub fn rebuild_query_tables_sql() -> String {
    format!("{}\n{}\n{}", cubes::DROP_TRIGGERS, keys::FILL, cubes::rebuild_sql())
}

/// sha256 of a text, lower-case hex: a document's identity in the store.
pub fn content_hash(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in d {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A mention's stable key: the document's content hash prefix and the event's position.
pub fn mention_key(hash: &str, ordinal: usize) -> String {
    format!("{}#{ordinal}", &hash[..hash.len().min(16)])
}

/// What one batch write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchStats {
    pub new: usize,
    /// Texts already in the store (or twice in the batch).
    pub duplicate: usize,
    pub mentions: usize,
}

/// What a consolidation pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ConsolidateStats {
    pub mentions: usize,
    pub new_events: usize,
    pub grown_events: usize,
}

/// Row counts of every table, for tests and `sitrep status`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, i64)>);

/// One document to write, with what extraction found in it.
pub struct Item<'a> {
    pub doc: &'a Document,
    pub hash: &'a str,
    pub output: &'a DocOutput,
    /// Where it was read from ("file.jsonl:12"), for the record.
    pub origin: Option<&'a str>,
}

/// A stored mention: its row id, its event (if consolidated), the mention and how it joined.
type MentionRow = (i64, Option<i64>, Mention, Option<Link>);

pub struct Store {
    conn: Connection,
    sources: HashMap<(String, String), i64>,
}

fn text_of(text: &str, spans: &[sitrep_model::Span]) -> Option<String> {
    if spans.is_empty() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let parts: Vec<String> = spans
        .iter()
        .filter(|s| s.start < s.end && s.end <= chars.len())
        .map(|s| chars[s.start..s.end].iter().collect())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" … "))
}

/// Rewrites the names and sources these events answer to (migration 4) from their mentions and
/// their own actors, after the events were written. One statement for all of a pass's events:
/// per event, SQLite re-planned the statement at every bind and that was half the time of
/// `consolidate`. Each member mention's row is read once for its five names (`json_each` of an
/// array): one subquery per name column read every row five times. Names equal but for letter
/// case keep the first in the order that subquery had (per event: actor1, actor2, claimed_by,
/// actor1_text, actor2_text, each by mention id), hence the ORDER BY.
fn refresh_lookups(tx: &Transaction, event_ids: &[i64]) -> Result<()> {
    if event_ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(event_ids)?;
    tx.prepare_cached("DELETE FROM event_actors WHERE event_id IN (SELECT value FROM json_each(?1))")?
        .execute([&ids])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_actors(name, role, event_id)
         SELECT n.value, 0, em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id,
           json_each(json_array(m.actor1, m.actor2, m.claimed_by, m.actor1_text, m.actor2_text)) n
         WHERE em.event_id IN (SELECT value FROM json_each(?1)) AND n.value IS NOT NULL
         ORDER BY em.event_id, n.key, em.mention_id",
    )?
    .execute([&ids])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_actors(name, role, event_id)
         SELECT x, 1, e FROM (SELECT id AS e, actor1 AS x FROM events WHERE id IN (SELECT value FROM json_each(?1))
                              UNION ALL SELECT id, actor2 FROM events WHERE id IN (SELECT value FROM json_each(?1)))
         WHERE x IS NOT NULL",
    )?
    .execute([&ids])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_sources(event_id, source_id)
         SELECT em.event_id, d.source_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
         JOIN documents d ON d.id = m.document_id
         WHERE em.event_id IN (SELECT value FROM json_each(?1)) AND d.source_id IS NOT NULL",
    )?
    .execute([&ids])?;
    keys::refresh(tx, event_ids)
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Store::init(Connection::open(path)?)
    }

    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL is durable against a killed process in WAL mode; only power loss can undo the
        // last commits, and never leaves a half-written one.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut s = Store { conn, sources: HashMap::new() };
        s.migrate()?;
        // A consolidation that died left the cube triggers out: rebuild the cubes, restore them.
        if s.cube_triggers()? < CUBE_TRIGGERS {
            s.rebuild_cubes()?;
        }
        Ok(s)
    }

    /// How many of the count cubes' triggers the schema holds.
    fn cube_triggers(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'events_cube_%'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Refills the count cubes from the events and (re)creates their triggers, in one transaction.
    fn rebuild_cubes(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(&cubes::rebuild_sql())?;
        tx.commit()?;
        Ok(())
    }

    /// Refills the actor and source words (migration 9) and every count cube from the events and
    /// their lookup rows: for a loader that wrote those in bulk, straight through SQL.
    pub fn rebuild_query_tables(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(&rebuild_query_tables_sql())?;
        tx.commit()?;
        Ok(())
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let known = MIGRATIONS.len() as i64;
        let found = self.schema_version()?;
        if found > known {
            return Err(Error::TooNew { found, known });
        }
        // Which cubes to fill once the schema is current: all of them, or only migration 9's.
        let mut fill: Option<String> = None;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            if i + 1 == CUBES_MIGRATION {
                fill = Some(cubes::rebuild_sql());
            }
            if i + 1 == KEYS_MIGRATION {
                tx.execute_batch(keys::FILL)?;
                tx.execute_batch(keys::INDEXES)?;
                fill.get_or_insert_with(cubes::rebuild_new_sql);
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        // A crash before this leaves the triggers out, and the next open rebuilds every cube.
        if let Some(sql) = fill {
            let tx = self.conn.transaction()?;
            tx.execute_batch(&sql)?;
            tx.commit()?;
        }
        Ok(())
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The HTTP validators (ETag, Last-Modified) `sitrep watch` last recorded for a feed URL.
    pub fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>)> {
        let row = self
            .conn
            .query_row("SELECT etag, last_modified FROM feed_validators WHERE url = ?1", [url], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(row.unwrap_or((None, None)))
    }

    /// Records a feed's validators. Call it after the feed's documents are written: a crash in
    /// between then costs one full fetch, never a missed item.
    pub fn set_feed_validators(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO feed_validators(url, etag, last_modified, fetched_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
               fetched_at = excluded.fetched_at",
            params![url, etag, last_modified, now()],
        )?;
        Ok(())
    }

    /// Which of these hashes the store already holds.
    pub fn known_hashes<'h>(&self, hashes: impl IntoIterator<Item = &'h str>) -> Result<HashSet<String>> {
        let mut st = self.conn.prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
        let mut out = HashSet::new();
        for h in hashes {
            if st.exists([h])? {
                out.insert(h.to_string());
            }
        }
        Ok(out)
    }

    fn source_id(sources: &mut HashMap<(String, String), i64>, tx: &Transaction, s: &Source) -> Result<i64> {
        let key = (s.name.clone().unwrap_or_default(), s.handle.clone().unwrap_or_default());
        if let Some(id) = sources.get(&key) {
            return Ok(*id);
        }
        let id: i64 = tx.query_row(
            "INSERT INTO sources(name, handle, kind, affiliation, country) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(name, handle) DO UPDATE SET
               kind = coalesce(excluded.kind, kind),
               affiliation = coalesce(excluded.affiliation, affiliation),
               country = coalesce(excluded.country, country)
             RETURNING id",
            params![key.0, key.1, s.kind, s.affiliation, s.country],
            |r| r.get(0),
        )?;
        sources.insert(key, id);
        Ok(id)
    }

    /// Writes documents and everything extracted from them in ONE transaction. A text already in
    /// the store is skipped whole (its mentions too): re-ingest changes nothing.
    pub fn write_batch(&mut self, items: &[Item]) -> Result<BatchStats> {
        let tx = self.conn.transaction()?;
        let mut stats = BatchStats::default();
        // The cache may hold ids of a rolled-back transaction; rebuild it per batch.
        let mut sources = std::mem::take(&mut self.sources);
        let ingested_at = now();
        {
            let mut ins_doc = tx.prepare_cached(
                "INSERT INTO documents(doc_id, content_hash, published, published_date, url, title, source_id,
                                       origin, text, extra, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(content_hash) DO NOTHING",
            )?;
            let mut ins_mention = tx.prepare_cached(
                "INSERT INTO mentions(mention_key, document_id, ordinal, json, evidence, evidence_text, event_type,
                   sub_event_type, date, country, admin1, location, actor1, actor1_text, actor2, actor2_text,
                   claimed_by, fatalities_min, fatalities_max, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
            )?;
            let mut ins_statement = tx.prepare_cached(
                "INSERT INTO statements(document_id, ordinal, json, kind, speaker, affiliation, target)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut ins_tally = tx.prepare_cached(
                "INSERT INTO tallies(document_id, ordinal, json, count, event_type, date, date_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut ins_actor =
                tx.prepare_cached("INSERT OR IGNORE INTO actors(name, kind, country) VALUES (?1, ?2, ?3)")?;
            let mut ins_alias =
                tx.prepare_cached("INSERT OR IGNORE INTO actor_aliases(alias, name) VALUES (?1, ?2)")?;
            let mut ins_place = tx.prepare_cached(
                "INSERT OR IGNORE INTO places(geonameid, name, admin1, admin2, country, lat, lon)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for it in items {
                let d = it.doc;
                let source_id = match &d.source {
                    Some(s) => Some(Store::source_id(&mut sources, &tx, s)?),
                    None => None,
                };
                let extra = if d.extra.is_empty() { None } else { Some(serde_json::to_string(&d.extra)?) };
                let published_date = d.published_date().ok().flatten().map(|p| p.to_string());
                let n = ins_doc.execute(params![
                    d.id,
                    it.hash,
                    d.published,
                    published_date,
                    d.url,
                    d.title,
                    source_id,
                    it.origin,
                    d.text,
                    extra,
                    ingested_at
                ])?;
                if n == 0 {
                    stats.duplicate += 1;
                    continue;
                }
                stats.new += 1;
                let doc_row = tx.last_insert_rowid();
                for (i, e) in it.output.events.iter().enumerate() {
                    let loc = e.location.as_ref();
                    ins_mention.execute(params![
                        mention_key(it.hash, i),
                        doc_row,
                        i as i64,
                        serde_json::to_string(e)?,
                        serde_json::to_string(&e.evidence)?,
                        text_of(&d.text, &e.evidence),
                        e.event_type.map(|t| t.as_str()),
                        e.sub_event_type.map(|t| t.as_str()),
                        e.date.map(|x| x.to_string()),
                        loc.and_then(|l| l.country.clone()),
                        loc.and_then(|l| l.admin1.clone()),
                        loc.map(|l| l.name.clone()),
                        e.actor1.as_ref().map(|a| &a.name),
                        e.actor1.as_ref().and_then(|a| a.text.as_ref()),
                        e.actor2.as_ref().map(|a| &a.name),
                        e.actor2.as_ref().and_then(|a| a.text.as_ref()),
                        e.claimed_by.as_ref().map(|a| &a.name),
                        e.fatalities.min,
                        e.fatalities.max,
                        f64::from(e.confidence),
                    ])?;
                    stats.mentions += 1;
                    for a in [&e.actor1, &e.actor2, &e.claimed_by].into_iter().flatten() {
                        ins_actor.execute(params![a.name, a.kind, a.country])?;
                        if let Some(t) = &a.text {
                            ins_alias.execute(params![t, a.name])?;
                        }
                    }
                    if let Some(l) = loc
                        && let Some(g) = l.geonameid
                    {
                        ins_place.execute(params![
                            g as i64, l.name, l.admin1, l.admin2, l.country, l.lat, l.lon
                        ])?;
                    }
                }
                for (i, s) in it.output.statements.iter().enumerate() {
                    ins_statement.execute(params![
                        doc_row,
                        i as i64,
                        serde_json::to_string(s)?,
                        serde_json::to_value(s.kind)?.as_str().unwrap_or_default(),
                        s.speaker.name,
                        s.speaker.affiliation,
                        s.target.as_ref().map(|t| &t.name),
                    ])?;
                }
                for (i, t) in it.output.tallies.iter().enumerate() {
                    ins_tally.execute(params![
                        doc_row,
                        i as i64,
                        serde_json::to_string(t)?,
                        t.count,
                        t.event_type.map(|x| x.as_str()),
                        t.date.map(|x| x.to_string()),
                        t.date_end.map(|x| x.to_string()),
                    ])?;
                }
            }
        }
        let committed = tx.commit();
        if committed.is_ok() {
            self.sources = sources;
        }
        committed?;
        Ok(stats)
    }

    /// Row counts of every table.
    pub fn counts(&self) -> Result<Counts> {
        let tables = [
            "sources",
            "documents",
            "mentions",
            "events",
            "event_mentions",
            "statements",
            "tallies",
            "actors",
            "actor_aliases",
            "places",
            "review",
        ];
        let mut out = Vec::new();
        for t in tables {
            let n: i64 = self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            out.push((t, n));
        }
        Ok(Counts(out))
    }
}

/// Calls `f` with each mention row matching `where_sql` (`?1` bound to `arg`), in `order_sql`,
/// decoding one at a time.
fn each_mention(
    conn: &Connection,
    where_sql: &str,
    order_sql: &str,
    arg: &str,
    mut f: impl FnMut(MentionRow) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT m.id, em.event_id, m.mention_key, d.doc_id, coalesce(nullif(s.name, ''), nullif(s.handle, '')),
                d.published_date, m.json, em.link
         FROM mentions m JOIN documents d ON d.id = m.document_id
         LEFT JOIN sources s ON s.id = d.source_id
         LEFT JOIN event_mentions em ON em.mention_id = m.id
         {where_sql} ORDER BY {order_sql}"
    );
    let mut st = conn.prepare(&sql)?;
    let n = st.parameter_count();
    let mut rows = if n == 0 { st.query([])? } else { st.query([arg])? };
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let event: Option<i64> = r.get(1)?;
        let key: String = r.get(2)?;
        let doc_id: String = r.get(3)?;
        let source: Option<String> = r.get(4)?;
        let published: Option<String> = r.get(5)?;
        let json: String = r.get(6)?;
        let link: Option<String> = r.get(7)?;
        let event_rec: Event = serde_json::from_str(&json)?;
        let published = published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
        let link = link.map(|l| serde_json::from_str::<Link>(&l)).transpose()?;
        f((id, event, Mention { key, doc_id, source, published, event: event_rec }, link))?;
    }
    Ok(())
}

/// Partitions are packed into passes of about this many mentions, so that a pass over many small
/// ones costs few queries.
const PASS_MENTIONS: usize = 10_000;

/// A partition of more mentions than this is clustered in slices (see `consolidate_in_passes`),
/// which is not exact. Up to it, one pass, which holds ~1.8 KB per mention. At 120k, the UCDP
/// dev set x30 (116k mentions in one partition: two-day windows chain every day of a country)
/// ran in one exact pass but `sitrep ingest` peaked at 318 MB once migration 8's count triggers
/// were in; at 60k it is sliced in two and stays well under the 300 MB goal, at the cost of
/// exactness on a partition this large (a handful of events in 86k, see BENCHMARKS.md).
const SPLIT_MENTIONS: usize = 60_000;

/// The tables a consolidation pass rewrites, whose secondary indexes `drop_event_indexes` drops.
const REWRITTEN: &[&str] = &["events", "event_actors", "event_sources"];

/// Drops the secondary indexes of the tables consolidation rewrites (not the unique ones the
/// writes rely on: those have no SQL) and returns the statements that create them again.
fn drop_event_indexes(tx: &Transaction) -> Result<Vec<String>> {
    let mut st = tx.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (SELECT value FROM json_each(?1)) ORDER BY name",
    )?;
    let tables = serde_json::to_string(REWRITTEN)?;
    let found: Vec<(String, String)> =
        st.query_map([tables], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (name, _) in &found {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(found.into_iter().map(|(_, sql)| sql).collect())
}

/// The days an event may have happened on, inclusive (`sitrep_consolidate::window`).
type Window = (chrono::NaiveDate, chrono::NaiveDate);

/// What places a stored mention among the others (`Footprint::of_mention`), decoded from its
/// JSON without the rest of the event.
#[derive(serde::Deserialize)]
struct Stamp {
    #[serde(flatten)]
    dating: sitrep_consolidate::Dating,
    #[serde(default)]
    location: Option<StampPlace>,
}

#[derive(serde::Deserialize)]
struct StampPlace {
    #[serde(default)]
    country: Option<String>,
}

/// A partition's member: a mention without an event, or an earlier event with its member count.
#[derive(Clone, Copy)]
enum Member {
    Fresh(i64),
    Event(i64, usize),
}

impl Store {
    /// Clusters the mentions that belong to no event yet, growing existing events or making new
    /// ones, in one transaction. With `rebuild`, forgets every event first and clusters all
    /// mentions anew (reviews survive: they are anchored on mention keys).
    ///
    /// Memory: the mentions are split into partitions that cannot influence each other
    /// (`sitrep_consolidate::partitions`: no shared month and country), and each partition is
    /// loaded, clustered and written on its own, so only its mentions are held at once. The
    /// clusters are those of one pass over everything; only the order of new event ids differs.
    ///
    /// The count cubes' triggers are left out while events are rewritten in bulk (they tripled
    /// the cost: 12 -> 38 CPU-s on 100k UCDP-like documents) and the cubes are rebuilt at the end,
    /// whatever the outcome; a crash in between is healed on the next open.
    pub fn consolidate(&mut self, rules: Rules, rebuild: bool) -> Result<ConsolidateStats> {
        self.conn.execute_batch(cubes::DROP_TRIGGERS)?;
        let out = self.consolidate_in_passes(rules, rebuild, PASS_MENTIONS, SPLIT_MENTIONS);
        self.rebuild_cubes()?;
        out
    }

    /// `pass_mentions`: partitions are packed up to this many mentions per pass; a partition of
    /// more than `split_mentions` is clustered in slices of that size.
    fn consolidate_in_passes(
        &mut self,
        rules: Rules,
        rebuild: bool,
        pass_mentions: usize,
        split_mentions: usize,
    ) -> Result<ConsolidateStats> {
        let tx = self.conn.transaction()?;
        if rebuild {
            // In the transaction that writes the new events: a crash keeps the old.
            tx.execute("DELETE FROM event_mentions", [])?;
            tx.execute("DELETE FROM event_actors", [])?;
            tx.execute("DELETE FROM event_sources", [])?;
            tx.execute("DELETE FROM actor_keys", [])?;
            tx.execute("DELETE FROM source_keys", [])?;
            tx.execute("DELETE FROM events", [])?;
        }
        let existing: i64 = tx.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        let mut members: Vec<Member> = Vec::new();
        let mut prints: Vec<Footprint> = Vec::new();
        let (mut lo, mut hi) = (None::<chrono::NaiveDate>, None::<chrono::NaiveDate>);
        {
            // Only what places a mention is decoded here (its dates and country, the rest of the
            // JSON skipped): the whole mention is decoded once, in its pass.
            let mut st = tx.prepare(
                "SELECT m.id, d.published_date, m.json FROM mentions m JOIN documents d ON d.id = m.document_id
                 LEFT JOIN event_mentions em ON em.mention_id = m.id
                 WHERE em.event_id IS NULL ORDER BY m.id",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let published: Option<String> = r.get(1)?;
                let published =
                    published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
                let stamp: Stamp =
                    serde_json::from_str(r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?)?;
                let window = sitrep_consolidate::window_of(&stamp.dating, published, &rules);
                let f = Footprint {
                    countries: vec![sitrep_consolidate::country_key(
                        stamp.location.as_ref().and_then(|l| l.country.as_deref()),
                    )],
                    window,
                };
                if let Some((s, e)) = f.window {
                    lo = Some(lo.map_or(s, |x| x.min(s)));
                    hi = Some(hi.map_or(e, |x| x.max(e)));
                }
                members.push(Member::Fresh(id));
                prints.push(f);
            }
        }
        // Statements and tallies are regrouped whole: their keys are light, and a document
        // may bring statements without any event.
        groups::regroup(&tx, rules.undated_window_days)?;
        let fresh = members.len();
        if members.is_empty() {
            tx.commit()?;
            return Ok(ConsolidateStats::default());
        }
        if let (Some(lo), Some(hi)) = (lo, hi) {
            // Only events whose window meets the new mentions' windows can take them.
            let mut current: Option<(i64, Vec<Mention>)> = None;
            let close =
                |cur: Option<(i64, Vec<Mention>)>, members: &mut Vec<Member>, prints: &mut Vec<Footprint>| {
                    if let Some((ev, ms)) = cur {
                        members.push(Member::Event(ev, ms.len()));
                        prints.push(Footprint::of_cluster(ms.iter(), &rules));
                    }
                };
            each_mention(
                &tx,
                &format!(
                    "WHERE em.event_id IN (SELECT id FROM events
                       WHERE coalesce(date_end, date) >= '{lo}' AND date <= '{hi}')"
                ),
                // One event's mentions in a row, so each event is closed once.
                "em.event_id, m.id",
                "",
                |(_, ev, m, _)| {
                    let Some(ev) = ev else { return Ok(()) };
                    match &mut current {
                        Some((id, ms)) if *id == ev => ms.push(m),
                        _ => {
                            close(current.take(), &mut members, &mut prints);
                            current = Some((ev, vec![m]));
                        }
                    }
                    Ok(())
                },
            )?;
            close(current.take(), &mut members, &mut prints);
        }
        // When the pass writes more events than the store holds (a first ingest, a rebuild), the
        // events' secondary indexes are dropped and built again at the end, in this transaction:
        // one sort per index instead of a random B-tree insert per event and index, which with
        // a small page cache re-read the WAL at every insert (half of `consolidate`).
        let rebuilt = if fresh as i64 > existing { drop_event_indexes(&tx)? } else { Vec::new() };
        let groups = sitrep_consolidate::partitions(&prints);
        let n_groups = groups.iter().max().map_or(0, |m| m + 1);
        let mut by_group: Vec<Vec<(Member, Option<Window>)>> = vec![Vec::new(); n_groups];
        for ((m, f), g) in members.into_iter().zip(prints).zip(groups) {
            by_group[g].push((m, f.window));
        }
        let weight = |m: &Member| match m {
            Member::Fresh(_) => 1,
            Member::Event(_, n) => *n,
        };
        let mut stats = ConsolidateStats::default();
        let mut pass: Vec<Member> = Vec::new();
        let mut size = 0;
        let mut groups = by_group.into_iter().peekable();
        while let Some(mut g) = groups.next() {
            let g_size: usize = g.iter().map(|(m, _)| weight(m)).sum();
            if g_size > split_mentions {
                // Too big to hold at once (daily reports of one country chain into one partition,
                // and a report without a country joins them all): cluster it in slices by window
                // start, each slice seeded with the events earlier slices left in its window.
                // Exact no more: one pass places reports by precision across the whole
                // partition, a slice only within itself, so a vague report of one slice is placed
                // before a precise one of the next that it overlaps (its placement, and what the
                // precise one then meets, can differ).
                g.sort_by_key(|(_, w)| w.map(|w| w.0));
                let mut slice: Vec<Member> = Vec::new();
                let mut slice_size = 0;
                // The days the slice's new mentions span: the events that meet them seed it.
                let mut span: Option<Window> = None;
                let mut it = g.into_iter().peekable();
                while let Some((m, w)) = it.next() {
                    slice_size += weight(&m);
                    if let (Member::Fresh(_), Some((s, e))) = (m, w) {
                        span = Some(span.map_or((s, e), |(lo, hi)| (lo.min(s), hi.max(e))));
                    }
                    slice.push(m);
                    if slice_size >= split_mentions || it.peek().is_none() {
                        let slice = std::mem::take(&mut slice);
                        Store::cluster_pass(&tx, &rules, &slice, Some(span.take()), &mut stats)?;
                        slice_size = 0;
                    }
                }
                continue;
            }
            size += g_size;
            pass.extend(g.into_iter().map(|(m, _)| m));
            if size >= pass_mentions || groups.peek().is_none() {
                Store::cluster_pass(&tx, &rules, &std::mem::take(&mut pass), None, &mut stats)?;
                size = 0;
            }
        }
        if !pass.is_empty() {
            Store::cluster_pass(&tx, &rules, &pass, None, &mut stats)?;
        }
        for sql in &rebuilt {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        Ok(stats)
    }

    /// Clusters one set of partitions: loads its mentions and earlier events, places the new
    /// mentions, writes what changed.
    fn cluster_pass(
        tx: &Transaction,
        rules: &Rules,
        pass: &[Member],
        slice_span: Option<Option<Window>>,
        stats: &mut ConsolidateStats,
    ) -> Result<()> {
        let mut fresh_ids: Vec<i64> = Vec::new();
        let mut event_ids: Vec<i64> = Vec::new();
        for m in pass {
            match m {
                Member::Fresh(id) => fresh_ids.push(*id),
                Member::Event(id, _) => event_ids.push(*id),
            }
        }
        // A slice of a big partition (`slice_span` is Some, with the days its new mentions span,
        // if any): the events earlier slices wrote that meet those days.
        if let Some(Some((lo, hi))) = slice_span {
            let mut st = tx.prepare_cached(
                "SELECT id FROM events WHERE coalesce(date_end, date) >= ?1 AND date <= ?2",
            )?;
            let rows = st.query_map([lo.to_string(), hi.to_string()], |r| r.get::<_, i64>(0))?;
            for id in rows {
                event_ids.push(id?);
            }
        }
        event_ids.sort_unstable();
        event_ids.dedup();
        let mut c = Consolidator::new(rules.clone());
        let mut cluster_event: Vec<Option<i64>> = Vec::new();
        let mut existing: HashMap<i64, (Vec<Mention>, Vec<Link>)> = HashMap::new();
        let mut fresh = Vec::with_capacity(fresh_ids.len());
        let mut mention_ids: HashMap<String, i64> = HashMap::with_capacity(fresh_ids.len());
        // Rows go straight to where they belong: a list of all rows first held every mention
        // twice while it was sorted out.
        let mut place = |(id, event, m, link): MentionRow| {
            mention_ids.insert(m.key.clone(), id);
            match event {
                Some(ev) => {
                    let e = existing.entry(ev).or_default();
                    if let Some(l) = link {
                        e.1.push(l);
                    }
                    e.0.push(m);
                }
                None => fresh.push(m),
            }
            Ok(())
        };
        each_mention(
            tx,
            "WHERE em.event_id IN (SELECT value FROM json_each(?1))",
            "m.id",
            &serde_json::to_string(&event_ids)?,
            &mut place,
        )?;
        each_mention(
            tx,
            "WHERE m.id IN (SELECT value FROM json_each(?1)) AND em.event_id IS NULL",
            "m.id",
            &serde_json::to_string(&fresh_ids)?,
            &mut place,
        )?;
        let mut ids: Vec<i64> = existing.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            if let Some((ms, links)) = existing.remove(&id) {
                c.seed(ms, links);
                cluster_event.push(Some(id));
            }
        }
        let before: Vec<usize> = c.clusters().iter().map(|k| k.mentions.len()).collect();
        let stats_mentions = fresh.len();
        let placed = c.add_batch(fresh);
        let mut touched: Vec<usize> = placed.clone();
        touched.sort_unstable();
        touched.dedup();
        stats.mentions += stats_mentions;
        {
            let mut upd = tx.prepare_cached(
                "UPDATE events SET key=?2, json=?3, event_type=?4, sub_event_type=?5, date=?6, date_end=?7,
                   country=?8, admin1=?9, location=?10, actor1=?11, actor2=?12, fatalities_low=?13,
                   fatalities_best=?14, fatalities_high=?15, n_mentions=?16, n_sources=?17, confidence=?18,
                   updated_at=?19, plover=?20, span=?21 WHERE id=?1",
            )?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO events(key, json, event_type, sub_event_type, date, date_end, country, admin1, location,
                   actor1, actor2, fatalities_low, fatalities_best, fatalities_high, n_mentions, n_sources,
                   confidence, updated_at, plover, span)
                 VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                         ?21)",
            )?;
            let mut link_st = tx.prepare_cached(
                "INSERT INTO event_mentions(event_id, mention_id, link) VALUES (?1, ?2, ?3)
                 ON CONFLICT(mention_id) DO UPDATE SET event_id = excluded.event_id, link = excluded.link",
            )?;
            let at = now();
            let mut written: Vec<i64> = Vec::with_capacity(touched.len());
            for ci in touched {
                let cluster = &c.clusters()[ci];
                let Some(sum) = cluster.summary(c.rules()) else { continue };
                let json = serde_json::to_string(&sum)?;
                let e = &sum.event;
                let loc = e.location.as_ref();
                let (date, date_end) = query::window_of(&sum);
                let p = params![
                    cluster_event.get(ci).copied().flatten().unwrap_or(0),
                    sum.key,
                    json,
                    e.event_type.map(|t| t.as_str()),
                    e.sub_event_type.map(|t| t.as_str()),
                    date,
                    date_end,
                    loc.and_then(|l| l.country.clone()),
                    loc.and_then(|l| l.admin1.clone()),
                    loc.map(|l| l.name.clone()),
                    e.actor1.as_ref().map(|a| &a.name),
                    e.actor2.as_ref().map(|a| &a.name),
                    sum.estimate.low,
                    sum.estimate.best,
                    sum.estimate.high,
                    cluster.mentions.len() as i64,
                    sum.sources.len() as i64,
                    f64::from(e.confidence),
                    at,
                    e.plover.kind.as_str(),
                    query::span_days(date.as_deref(), date_end.as_deref()),
                ];
                let event_id = match cluster_event.get(ci).copied().flatten() {
                    Some(id) => {
                        upd.execute(p)?;
                        stats.grown_events += 1;
                        id
                    }
                    None => {
                        ins.execute(p)?;
                        stats.new_events += 1;
                        tx.last_insert_rowid()
                    }
                };
                let old = before.get(ci).copied().unwrap_or(0);
                for (m, l) in cluster.mentions.iter().zip(cluster.links.iter()).skip(old) {
                    let Some(mid) = mention_ids.get(&m.key) else { continue };
                    link_st.execute(params![event_id, mid, serde_json::to_string(l)?])?;
                }
                written.push(event_id);
            }
            refresh_lookups(tx, &written)?;
        }
        Ok(())
    }

    /// Records an analyst's decision on an event. `patch` (for edit) maps fields of the event's
    /// JSON to new values. The review is anchored on the event's key mention.
    pub fn review(
        &mut self,
        event_id: i64,
        action: &str,
        why: &str,
        who: &str,
        patch: Option<&serde_json::Value>,
    ) -> Result<()> {
        if !matches!(action, "accept" | "reject" | "edit") {
            return Err(Error::Invalid(format!("review action {action:?}: expected accept, reject or edit")));
        }
        if why.trim().is_empty() {
            return Err(Error::Invalid("a review needs a reason (--why)".into()));
        }
        let key: Option<String> = self
            .conn
            .query_row("SELECT key FROM events WHERE id = ?1", [event_id], |r| r.get(0))
            .optional()?;
        let key = key.ok_or(Error::NoEvent(event_id))?;
        self.conn.execute(
            "INSERT INTO review(anchor, action, patch, why, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![key, action, patch.map(|p| p.to_string()), why, who, now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
