-- Migration 8: counts over 10M events within 100 ms (issue 6).
--
-- 1. Covering indexes that carry every column a count filters or groups on, so that a count by
--    country, province, type or date window reads one range of one index and never a row (the
--    rows hold the JSON: ~2 KB each). They replace the narrower ones of migrations 4 and 7.
--    `events_by_id` serves the actor and source filters: their lookup tables give event ids, and
--    each id is then a step in this narrow index instead of a read of the wide row.
--    Type filters compare without case, so the type indexes do too.
DROP INDEX IF EXISTS events_country_date;
DROP INDEX IF EXISTS events_place_date;
DROP INDEX IF EXISTS events_date_cover;
DROP INDEX IF EXISTS events_type;
CREATE INDEX events_date_all ON events(date, date_end, fatalities_low, fatalities_best, fatalities_high,
    country, admin1, actor1, event_type, sub_event_type, plover);
CREATE INDEX events_country_all ON events(country COLLATE NOCASE, date, date_end, fatalities_low,
    fatalities_best, fatalities_high, admin1, actor1, event_type, sub_event_type, plover);
CREATE INDEX events_place_all ON events(country COLLATE NOCASE, admin1 COLLATE NOCASE, date, date_end,
    fatalities_low, fatalities_best, fatalities_high, actor1, event_type, sub_event_type, plover);
CREATE INDEX events_type_all ON events(event_type COLLATE NOCASE, date, date_end, fatalities_low,
    fatalities_best, fatalities_high, country, admin1, actor1, sub_event_type, plover);
CREATE INDEX events_subtype_all ON events(sub_event_type COLLATE NOCASE, date, date_end, fatalities_low,
    fatalities_best, fatalities_high, country, admin1, actor1, event_type, plover);
CREATE INDEX events_by_id ON events(id, date, date_end, fatalities_low, fatalities_best, fatalities_high,
    country, admin1, actor1, event_type, sub_event_type, plover);

-- 2. Counts per month kept beside the events: a count over years, or over all events, sums a few
--    thousand cells instead of reading millions of index entries. A cell is one month of start
--    (`month`), one month of end (`end_month`: the month of date_end, else of date), and the
--    values of its dimensions, compared exactly (NULL is a value: `IS`). With both months a date
--    window made of whole months is exact on cells: the event starts on or before the window's
--    last month and ends in or after its first. Four cubes: the count picks the smallest that holds
--    the dimensions its filter and grouping name; their indexes carry every column, so a count
--    reads one index range.
--    Triggers keep them in step with `events` inside the writer's own transaction, so no write
--    path (consolidation, rebuild, a loader) can forget them. Reviews are not in the cells: the
--    count subtracts the few reviewed events and adds them back as reviewed (query.rs).
CREATE TABLE cube_type (
    month TEXT, end_month TEXT, event_type TEXT, sub_event_type TEXT, plover TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_type_cell ON cube_type(month, end_month, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_type_type ON cube_type(event_type COLLATE NOCASE, month, end_month, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_type_subtype ON cube_type(sub_event_type COLLATE NOCASE, month, end_month, event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE TABLE cube_place (
    month TEXT, end_month TEXT, country TEXT, admin1 TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_place_cell ON cube_place(month, end_month, country, admin1, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_place_country ON cube_place(country COLLATE NOCASE, admin1 COLLATE NOCASE, month, end_month, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE TABLE cube_country_type (
    month TEXT, end_month TEXT, country TEXT, event_type TEXT, sub_event_type TEXT, plover TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_country_type_cell ON cube_country_type(month, end_month, country, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_country_type_country ON cube_country_type(country COLLATE NOCASE, month, end_month, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_country_type_type ON cube_country_type(event_type COLLATE NOCASE, month, end_month, country, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_country_type_subtype ON cube_country_type(sub_event_type COLLATE NOCASE, month, end_month, country, event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE TABLE cube_all (
    month TEXT, end_month TEXT, country TEXT, admin1 TEXT, event_type TEXT, sub_event_type TEXT, plover TEXT,
    events INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_best INTEGER NOT NULL,
    fatalities_high INTEGER NOT NULL, with_figures INTEGER NOT NULL
);
CREATE INDEX cube_all_cell ON cube_all(month, end_month, country, admin1, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_all_country ON cube_all(country COLLATE NOCASE, admin1 COLLATE NOCASE, month, end_month, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_all_type ON cube_all(event_type COLLATE NOCASE, month, end_month, country, admin1, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);
CREATE INDEX cube_all_subtype ON cube_all(sub_event_type COLLATE NOCASE, month, end_month, country, admin1, event_type, plover, events, fatalities_low, fatalities_best, fatalities_high, with_figures);

-- The cubes are filled and kept in step by cubes.sql, which the runner applies right after this
-- file and which `Store::consolidate` re-applies after a bulk pass.
