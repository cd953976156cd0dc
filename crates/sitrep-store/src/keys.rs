//! The actor and source words of migration 9 (`actor_keys`, `source_keys`): each event once per
//! word a filter finds it by, with its date, place and figures, so that an actor or source filter
//! reads one range of one table. Filled whole by keys.sql; kept in step for the events a
//! consolidation writes by [`refresh`].

use crate::Result;
use rusqlite::Transaction;

/// Empties both tables and fills them from the lookup tables and the events.
pub(crate) const FILL: &str = include_str!("keys.sql");

/// Built after the first fill (migration 9): one sort over the filled rows.
pub(crate) const INDEXES: &str = "CREATE INDEX IF NOT EXISTS actor_keys_event ON actor_keys(event_id);
     CREATE INDEX IF NOT EXISTS source_keys_event ON source_keys(event_id);";

/// The columns every key row copies from its event `e`.
const EVENT_COLS: &str =
    "coalesce(e.date, ''), e.id, CASE WHEN e.date IS NOT NULL THEN coalesce(e.date_end, e.date) END,
    e.country, e.admin1, e.fatalities_low, e.fatalities_best, e.fatalities_high";

/// Rewrites the key rows of these events from their `event_actors` and `event_sources` rows
/// (already rewritten) and their columns in `events`.
pub(crate) fn refresh(tx: &Transaction, event_ids: &[i64]) -> Result<()> {
    if event_ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(event_ids)?;
    let cols =
        "name, day, event_id, end_day, country, admin1, fatalities_low, fatalities_best, fatalities_high";
    for t in ["actor_keys", "source_keys"] {
        tx.prepare_cached(&format!("DELETE FROM {t} WHERE event_id IN (SELECT value FROM json_each(?1))"))?
            .execute([&ids])?;
    }
    tx.prepare_cached(&format!(
        "INSERT OR IGNORE INTO actor_keys({cols})
         SELECT k.name, {EVENT_COLS} FROM (
           SELECT ea.name AS name, ea.event_id AS event_id FROM event_actors ea
             WHERE ea.event_id IN (SELECT value FROM json_each(?1)) AND ea.role = 0 AND ea.name <> '') k
         CROSS JOIN events e ON e.id = k.event_id"
    ))?
    .execute([&ids])?;
    tx.prepare_cached(&format!(
        "INSERT OR IGNORE INTO source_keys({cols})
         SELECT k.name, {EVENT_COLS} FROM (
           SELECT s.name AS name, es.event_id AS event_id FROM event_sources es JOIN sources s ON s.id = es.source_id
             WHERE es.event_id IN (SELECT value FROM json_each(?1)) AND s.name <> ''
           UNION ALL
           SELECT s.handle, es.event_id FROM event_sources es JOIN sources s ON s.id = es.source_id
             WHERE es.event_id IN (SELECT value FROM json_each(?1)) AND s.handle <> '') k
         CROSS JOIN events e ON e.id = k.event_id"
    ))?
    .execute([&ids])?;
    Ok(())
}
