-- Migration 9: actor and source filters, and groupings by day, week and actor, over 10M events
-- within 100 ms (issue 6).
--
-- 1. Every word an actor filter finds an event by, with the event's date, place and figures
--    beside it, so that a filter is one range of one table and an event is there once per word.
--    The words (`name`, compared without case) are those of `query::filter_sql`: each role-0
--    name of `event_actors` (member mentions' actors and their surface words), and each alias of
--    `actor_aliases` whose name is one of the event's own actors (role 1). `day` is the event's
--    start ('' when undated, so that it can be part of the key: undated rows sort first and no
--    window reaches them); `end_day` its last day (NULL when undated). Written beside
--    `event_actors` for the events a consolidation writes (`keys::refresh`), and for every event
--    of an actor when an alias of it appears (the trigger below).
CREATE TABLE actor_keys (
    name            TEXT NOT NULL COLLATE NOCASE,
    day             TEXT NOT NULL,
    event_id        INTEGER NOT NULL,
    end_day         TEXT,
    country         TEXT,
    admin1          TEXT,
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    PRIMARY KEY (name, day, event_id)
) WITHOUT ROWID;

-- 2. The same for a source filter: the name and the handle of each source of the event.
--    No word is empty (most handles are): an empty filter is said on the lookup tables.
CREATE TABLE source_keys (
    name            TEXT NOT NULL COLLATE NOCASE,
    day             TEXT NOT NULL,
    event_id        INTEGER NOT NULL,
    end_day         TEXT,
    country         TEXT,
    admin1          TEXT,
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    PRIMARY KEY (name, day, event_id)
) WITHOUT ROWID;

-- 3. Four more cubes (cubes.rs): days × country (day and week groupings over long spans, ~200k
--    cells at 10M events); months × country × actor1 (the actor grouping); and months × place
--    for each actor word and each source word (the filters over years: a word's events once each).
CREATE TABLE cube_day (
    day TEXT, end_day TEXT, country TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_day_cell ON cube_day(day, end_day, country, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_day_country ON cube_day(country COLLATE NOCASE, day, end_day, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE TABLE cube_actor1 (
    month TEXT, end_month TEXT, country TEXT, actor1 TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_actor1_cell ON cube_actor1(month, end_month, country, actor1, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_actor1_country ON cube_actor1(country COLLATE NOCASE, month, end_month, actor1, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE TABLE cube_actor_keys (
    month TEXT, end_month TEXT, name TEXT COLLATE NOCASE, country TEXT, admin1 TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_actor_keys_cell ON cube_actor_keys(name, month, end_month, country, admin1, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE TABLE cube_source_keys (
    month TEXT, end_month TEXT, name TEXT COLLATE NOCASE, country TEXT, admin1 TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_source_keys_cell ON cube_source_keys(name, month, end_month, country, admin1, events, fatalities_low, fatalities_best, fatalities_high, with_figures);

-- The migration's own fill: keys.sql (run by the migration runner right after this file), then
-- the indexes on event ids (built once over the filled tables, cheaper than kept while filling),
-- then the new cubes (cubes.rs).

-- An actor's events are found by its aliases: role-1 names are looked up by name.
CREATE INDEX actor_aliases_name ON actor_aliases(name COLLATE NOCASE);

-- A new alias finds, from now on, every event whose own actor it names.
CREATE TRIGGER actor_aliases_keys AFTER INSERT ON actor_aliases WHEN NEW.alias <> '' BEGIN
  INSERT OR IGNORE INTO actor_keys(name, day, event_id, end_day, country, admin1, fatalities_low,
      fatalities_best, fatalities_high)
  SELECT NEW.alias, coalesce(e.date, ''), e.id, CASE WHEN e.date IS NOT NULL THEN coalesce(e.date_end, e.date) END,
      e.country, e.admin1, e.fatalities_low, e.fatalities_best, e.fatalities_high
  FROM event_actors ea CROSS JOIN events e ON e.id = ea.event_id
  WHERE ea.name = NEW.name AND ea.role = 1;
END;

-- An event deleted takes its words along (as event_actors goes by ON DELETE CASCADE).
CREATE TRIGGER events_keys_delete AFTER DELETE ON events BEGIN
  DELETE FROM actor_keys WHERE event_id = OLD.id;
  DELETE FROM source_keys WHERE event_id = OLD.id;
END;
