-- Migration 9: actor and source filters, and groupings by day, week and actor, over 10M events
-- within 100 ms (issue 6).
--
-- 1. Every word an actor filter finds an event by, with the event's date, place and figures
--    beside it, so that a filter is one range of one table and an event is there once per word.
--    The words (`name`, compared without case) are the role-0 names of `event_actors` (member
--    mentions' actors and their surface words). The filter also finds, through `actor_aliases`,
--    the events whose own actor (role 1) the word is an alias of: an event's own actors are
--    always among its members' (role 0), so this adds events only for an alias of ANOTHER name,
--    and only then does a count leave the words for the lookup tables (query.rs). Aliases are
--    not written out here: an actor with 60 aliases made 28 rows per event on UCDP headlines.
--    `day` is the event's start ('' when undated, so that it can be part of the key: undated
--    rows sort first and no window reaches them); `end_day` its last day (NULL when undated).
--    Written beside `event_actors` for the events a consolidation writes (`keys::refresh`).
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

-- A filter word that is an alias of another actor (query.rs) is found in one step.
CREATE INDEX actor_aliases_alias ON actor_aliases(alias COLLATE NOCASE);

-- An event deleted takes its words along (as event_actors goes by ON DELETE CASCADE).
CREATE TRIGGER events_keys_delete AFTER DELETE ON events BEGIN
  DELETE FROM actor_keys WHERE event_id = OLD.id;
  DELETE FROM source_keys WHERE event_id = OLD.id;
END;
