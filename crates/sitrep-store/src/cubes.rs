//! The count cubes of migrations 8 and 9: the SQL that fills them and the triggers that keep them
//! in step with every insert, update and delete of the rows they count. The triggers differ only
//! in each cube's source table, time cells and dimensions, so they are written here once from the
//! list of cubes instead of as near-copies of SQL.

/// How a cube cuts time: its two time columns and their expressions over a source row `{r}`.
/// The second column is the last day (or month) of the event's window, so that a date window
/// is exact on cells: the event starts on or before the window's end and ends in or after its
/// start. NULL (undated) is a value.
type Time = [(&'static str, &'static str); 2];

/// Months of an `events` row.
const EVENT_MONTHS: Time = [
    ("month", "substr({r}.date, 1, 7)"),
    ("end_month", "CASE WHEN {r}.date IS NOT NULL THEN substr(coalesce({r}.date_end, {r}.date), 1, 7) END"),
];
/// Days of an `events` row.
const EVENT_DAYS: Time = [
    ("day", "{r}.date"),
    ("end_day", "CASE WHEN {r}.date IS NOT NULL THEN coalesce({r}.date_end, {r}.date) END"),
];
/// Months of an `actor_keys` / `source_keys` row (migration 9: `day` is '' when undated, and
/// `end_day` then NULL).
const KEY_MONTHS: Time =
    [("month", "substr(nullif({r}.day, ''), 1, 7)"), ("end_month", "substr({r}.end_day, 1, 7)")];

struct Cube {
    table: &'static str,
    /// The table it counts rows of.
    from: &'static str,
    time: Time,
    /// Columns of `from`, copied as they are.
    dims: &'static [&'static str],
}

const CUBES: &[Cube] = &[
    Cube {
        table: "cube_type",
        from: "events",
        time: EVENT_MONTHS,
        dims: &["event_type", "sub_event_type", "plover"],
    },
    Cube { table: "cube_place", from: "events", time: EVENT_MONTHS, dims: &["country", "admin1"] },
    Cube {
        table: "cube_country_type",
        from: "events",
        time: EVENT_MONTHS,
        dims: &["country", "event_type", "sub_event_type", "plover"],
    },
    Cube {
        table: "cube_all",
        from: "events",
        time: EVENT_MONTHS,
        dims: &["country", "admin1", "event_type", "sub_event_type", "plover"],
    },
    // Migration 9.
    Cube { table: "cube_day", from: "events", time: EVENT_DAYS, dims: &["country"] },
    Cube { table: "cube_actor1", from: "events", time: EVENT_MONTHS, dims: &["country", "actor1"] },
    Cube {
        table: "cube_actor_keys",
        from: "actor_keys",
        time: KEY_MONTHS,
        dims: &["name", "country", "admin1"],
    },
    Cube {
        table: "cube_source_keys",
        from: "source_keys",
        time: KEY_MONTHS,
        dims: &["name", "country", "admin1"],
    },
];

/// The cubes migration 8 made; cubes.sql fills them (the three small ones from `cube_all`).
const MIGRATION_8_CUBES: usize = 4;

/// The tables whose rows the cubes count, and whether their rows are ever updated in place.
const SOURCES: &[(&str, bool)] = &[("events", true), ("actor_keys", false), ("source_keys", false)];

/// How many triggers [`rebuild_sql`] creates.
pub(crate) const TRIGGERS: i64 = 7;

/// Leaves the cubes to themselves: `Store::consolidate` runs this before rewriting events in bulk.
pub(crate) const DROP_TRIGGERS: &str = "DROP TRIGGER IF EXISTS events_cube_insert; \
     DROP TRIGGER IF EXISTS events_cube_delete; DROP TRIGGER IF EXISTS events_cube_update; \
     DROP TRIGGER IF EXISTS events_cube_actor_keys_insert; DROP TRIGGER IF EXISTS events_cube_actor_keys_delete; \
     DROP TRIGGER IF EXISTS events_cube_source_keys_insert; DROP TRIGGER IF EXISTS events_cube_source_keys_delete;";

/// Empties the cubes of migration 8 and fills them again from `events`.
const FILL_8: &str = include_str!("cubes.sql");

/// The columns of `events` whose change moves an event between cells or changes its figures.
const WATCHED: &[&str] = &[
    "date",
    "date_end",
    "country",
    "admin1",
    "actor1",
    "event_type",
    "sub_event_type",
    "plover",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
];

/// The whole rebuild: drop the triggers, fill every cube, create the triggers. Idempotent.
pub(crate) fn rebuild_sql() -> String {
    let fill: String = CUBES[MIGRATION_8_CUBES..].iter().map(fill).collect();
    format!("{DROP_TRIGGERS}\n{FILL_8}\n{fill}{}", triggers_sql())
}

/// After migration 9 on a store that has migration 8's cubes: fill only the new cubes.
pub(crate) fn rebuild_new_sql() -> String {
    let fill: String = CUBES[MIGRATION_8_CUBES..].iter().map(fill).collect();
    format!("{DROP_TRIGGERS}\n{fill}{}", triggers_sql())
}

/// Empties one cube and fills it with one `GROUP BY` over its source.
fn fill(c: &Cube) -> String {
    let cols: Vec<&str> = c.time.iter().map(|t| t.0).chain(c.dims.iter().copied()).collect();
    let exprs: Vec<String> = c
        .time
        .iter()
        .map(|t| t.1.replace("{r}", c.from))
        .chain(c.dims.iter().map(|d| format!("{}.{d}", c.from)))
        .collect();
    let by: Vec<String> = (1..=cols.len()).map(|i| i.to_string()).collect();
    format!(
        "DELETE FROM {t};\nINSERT INTO {t}({}, events, fatalities_low, fatalities_best, fatalities_high, with_figures)\n  \
         SELECT {}, count(*), coalesce(sum(fatalities_low), 0), coalesce(sum(fatalities_best), 0),\n    \
         coalesce(sum(fatalities_high), 0), count(fatalities_best) FROM {} GROUP BY {};\n",
        cols.join(", "),
        exprs.join(", "),
        c.from,
        by.join(", "),
        t = c.table,
    )
}

/// The triggers of every source table: insert and delete, and update for `events`.
fn triggers_sql() -> String {
    let mut out = String::new();
    for (from, updated) in SOURCES {
        let cubes: Vec<&Cube> = CUBES.iter().filter(|c| c.from == *from).collect();
        let add: String = cubes.iter().map(|c| add(c)).collect();
        let remove: String = cubes.iter().map(|c| remove(c)).collect();
        let prefix =
            if *from == "events" { "events_cube".to_string() } else { format!("events_cube_{from}") };
        out.push_str(&format!(
            "CREATE TRIGGER {prefix}_insert AFTER INSERT ON {from} BEGIN\n{add}END;\n\
             CREATE TRIGGER {prefix}_delete AFTER DELETE ON {from} BEGIN\n{remove}END;\n"
        ));
        if *updated {
            let changed: Vec<String> = WATCHED.iter().map(|c| format!("OLD.{c} IS NOT NEW.{c}")).collect();
            out.push_str(&format!(
                "CREATE TRIGGER {prefix}_update AFTER UPDATE OF {} ON {from}\nWHEN {} BEGIN\n{remove}{add}END;\n",
                WATCHED.join(", "),
                changed.join("\n  OR "),
            ));
        }
    }
    out
}

/// The cell of the source row `r` ("NEW" or "OLD") in a cube.
fn cell(r: &str, c: &Cube) -> String {
    let mut parts: Vec<String> =
        c.time.iter().map(|(col, expr)| format!("{col} IS {}", expr.replace("{r}", r))).collect();
    parts.extend(c.dims.iter().map(|d| format!("{d} IS {r}.{d}")));
    parts.join("\n      AND ")
}

/// Adds (`+`) or takes away (`-`) the source row `r` in its cell.
fn change(c: &Cube, r: &str, op: char) -> String {
    format!(
        "  UPDATE {} SET events = events {op} 1, fatalities_low = fatalities_low {op} coalesce({r}.fatalities_low, 0),\n      \
         fatalities_best = fatalities_best {op} coalesce({r}.fatalities_best, 0),\n      \
         fatalities_high = fatalities_high {op} coalesce({r}.fatalities_high, 0),\n      \
         with_figures = with_figures {op} ({r}.fatalities_best IS NOT NULL)\n    WHERE {};\n",
        c.table,
        cell(r, c)
    )
}

/// Counts the new row, creating its cell first if it has none.
fn add(c: &Cube) -> String {
    let cols: Vec<&str> = c.time.iter().map(|t| t.0).chain(c.dims.iter().copied()).collect();
    let vals: Vec<String> = c
        .time
        .iter()
        .map(|t| t.1.replace("{r}", "NEW"))
        .chain(c.dims.iter().map(|d| format!("NEW.{d}")))
        .collect();
    format!(
        "  INSERT INTO {t}({}, events, fatalities_low, fatalities_best, fatalities_high, with_figures)\n    \
         SELECT {}, 0, 0, 0, 0, 0\n    WHERE NOT EXISTS (SELECT 1 FROM {t} WHERE {});\n{}",
        cols.join(", "),
        vals.join(", "),
        cell("NEW", c),
        change(c, "NEW", '+'),
        t = c.table,
    )
}

/// Takes the old row away, deleting its cell when it empties.
fn remove(c: &Cube) -> String {
    format!("{}  DELETE FROM {} WHERE events = 0 AND {};\n", change(c, "OLD", '-'), c.table, cell("OLD", c))
}

/// Each cube's table, its cells' columns (time and dimensions) and, as SQL over its source, what
/// those cells must hold: for the tests, which recompute every cube.
#[cfg(test)]
pub(crate) fn recompute_sql() -> Vec<(String, String)> {
    CUBES
        .iter()
        .map(|c| {
            let cols: Vec<&str> = c.time.iter().map(|t| t.0).chain(c.dims.iter().copied()).collect();
            let cells = format!(
                "SELECT {}, events, fatalities_low, fatalities_best, fatalities_high, with_figures FROM {}",
                cols.join(", "),
                c.table
            );
            let fill = fill(c);
            let select = fill.split_once("SELECT ").map_or("", |x| x.1);
            (cells, format!("SELECT {}", select.trim_end().trim_end_matches(';')))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_triggers_cover_every_cube() {
        assert_eq!(super::rebuild_sql().matches("CREATE TRIGGER").count() as i64, super::TRIGGERS);
        let sql = super::triggers_sql();
        for c in super::CUBES {
            let t = c.table;
            let updated = super::SOURCES.iter().any(|(f, u)| *f == c.from && *u);
            // insert: an INSERT and an UPDATE; delete: an UPDATE and a DELETE; update: all four.
            let k = if updated { 2 } else { 1 };
            assert_eq!(sql.matches(&format!("INSERT INTO {t}(")).count(), k, "{t}");
            assert_eq!(sql.matches(&format!("UPDATE {t} SET")).count(), 2 * k, "{t}");
            assert_eq!(sql.matches(&format!("DELETE FROM {t} WHERE events = 0")).count(), k, "{t}");
        }
    }
}
