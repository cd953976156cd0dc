//! The four monthly count cubes of migration 8: the SQL that fills them from `events` and the
//! triggers that keep them in step with every insert, update and delete of an event. The
//! triggers differ only in each cube's dimensions, so they are written here once from the list
//! of cubes instead of as twelve near-copies of SQL.

/// Each cube and the event columns it counts by, besides the start and end months.
const CUBES: &[(&str, &[&str])] = &[
    ("cube_type", &["event_type", "sub_event_type", "plover"]),
    ("cube_place", &["country", "admin1"]),
    ("cube_country_type", &["country", "event_type", "sub_event_type", "plover"]),
    ("cube_all", &["country", "admin1", "event_type", "sub_event_type", "plover"]),
];

/// Leaves the cubes to themselves: `Store::consolidate` runs this before rewriting events in bulk.
pub(crate) const DROP_TRIGGERS: &str = "DROP TRIGGER IF EXISTS events_cube_insert; \
     DROP TRIGGER IF EXISTS events_cube_delete; DROP TRIGGER IF EXISTS events_cube_update;";

/// Empties the cubes and fills them again from `events`.
const FILL: &str = include_str!("cubes.sql");

/// The columns whose change moves an event between cells or changes its figures.
const WATCHED: &[&str] = &[
    "date",
    "date_end",
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "plover",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
];

/// The whole rebuild: drop the triggers, fill the cubes, create the triggers. Idempotent.
pub(crate) fn rebuild_sql() -> String {
    let add: String = CUBES.iter().map(|(t, dims)| add(t, dims)).collect();
    let remove: String = CUBES.iter().map(|(t, dims)| remove(t, dims)).collect();
    let changed: Vec<String> = WATCHED.iter().map(|c| format!("OLD.{c} IS NOT NEW.{c}")).collect();
    format!(
        "{DROP_TRIGGERS}\n{FILL}\nCREATE TRIGGER events_cube_insert AFTER INSERT ON events BEGIN\n{add}END;\n\
         CREATE TRIGGER events_cube_delete AFTER DELETE ON events BEGIN\n{remove}END;\n\
         CREATE TRIGGER events_cube_update AFTER UPDATE OF {} ON events\nWHEN {} BEGIN\n{remove}{add}END;\n",
        WATCHED.join(", "),
        changed.join("\n  OR "),
    )
}

/// The cell of the event row `r` ("NEW" or "OLD") in a cube with these dimensions.
fn cell(r: &str, dims: &[&str]) -> String {
    let mut s = format!("month IS substr({r}.date, 1, 7)\n      AND end_month IS {}", end_month(r));
    for d in dims {
        s.push_str(&format!("\n      AND {d} IS {r}.{d}"));
    }
    s
}

fn end_month(r: &str) -> String {
    format!("CASE WHEN {r}.date IS NOT NULL THEN substr(coalesce({r}.date_end, {r}.date), 1, 7) END")
}

/// Adds (`+`) or takes away (`-`) the event row `r` in its cell.
fn change(table: &str, dims: &[&str], r: &str, op: char) -> String {
    format!(
        "  UPDATE {table} SET events = events {op} 1, fatalities_low = fatalities_low {op} coalesce({r}.fatalities_low, 0),\n      \
         fatalities_best = fatalities_best {op} coalesce({r}.fatalities_best, 0),\n      \
         fatalities_high = fatalities_high {op} coalesce({r}.fatalities_high, 0),\n      \
         with_figures = with_figures {op} ({r}.fatalities_best IS NOT NULL)\n    WHERE {};\n",
        cell(r, dims)
    )
}

/// Counts the new row, creating its cell first if it has none.
fn add(table: &str, dims: &[&str]) -> String {
    let vals: Vec<String> = dims.iter().map(|d| format!("NEW.{d}")).collect();
    format!(
        "  INSERT INTO {table}(month, end_month, {}, events, fatalities_low, fatalities_best, fatalities_high,\n      \
         with_figures)\n    SELECT substr(NEW.date, 1, 7), {}, {}, 0, 0, 0, 0, 0\n    \
         WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {});\n{}",
        dims.join(", "),
        end_month("NEW"),
        vals.join(", "),
        cell("NEW", dims),
        change(table, dims, "NEW", '+')
    )
}

/// Takes the old row away, deleting its cell when it empties.
fn remove(table: &str, dims: &[&str]) -> String {
    format!(
        "{}  DELETE FROM {table} WHERE events = 0 AND {};\n",
        change(table, dims, "OLD", '-'),
        cell("OLD", dims)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_triggers_cover_every_cube_in_each_of_the_three() {
        let sql = super::rebuild_sql();
        for (t, _) in super::CUBES {
            // insert: an INSERT and an UPDATE; delete: an UPDATE and a DELETE; update: all four.
            assert_eq!(sql.matches(&format!("INSERT INTO {t}(")).count(), 2, "{t}");
            assert_eq!(sql.matches(&format!("UPDATE {t} SET")).count(), 4, "{t}");
            assert_eq!(sql.matches(&format!("DELETE FROM {t} WHERE events = 0")).count(), 2, "{t}");
        }
    }
}
