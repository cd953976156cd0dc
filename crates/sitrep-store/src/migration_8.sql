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

INSERT INTO cube_all SELECT substr(date, 1, 7),
    CASE WHEN date IS NOT NULL THEN substr(coalesce(date_end, date), 1, 7) END,
    country, admin1, event_type, sub_event_type, plover, count(*), coalesce(sum(fatalities_low), 0),
    coalesce(sum(fatalities_best), 0), coalesce(sum(fatalities_high), 0), count(fatalities_best)
FROM events INDEXED BY events_date_all GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO cube_type SELECT month, end_month, event_type, sub_event_type, plover, sum(events), sum(fatalities_low),
    sum(fatalities_best), sum(fatalities_high), sum(with_figures)
FROM cube_all GROUP BY 1, 2, 3, 4, 5;
INSERT INTO cube_place SELECT month, end_month, country, admin1, sum(events), sum(fatalities_low),
    sum(fatalities_best), sum(fatalities_high), sum(with_figures)
FROM cube_all GROUP BY 1, 2, 3, 4;
INSERT INTO cube_country_type SELECT month, end_month, country, event_type, sub_event_type, plover, sum(events), sum(fatalities_low),
    sum(fatalities_best), sum(fatalities_high), sum(with_figures)
FROM cube_all GROUP BY 1, 2, 3, 4, 5, 6;

-- The cubes follow every insert, update and delete of an event (one block per cube, written by
-- a script: the blocks differ only in the cube's dimensions).
CREATE TRIGGER events_cube_insert AFTER INSERT ON events BEGIN
  INSERT INTO cube_type(month, end_month, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.event_type, NEW.sub_event_type, NEW.plover, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_type WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover);
  UPDATE cube_type SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover;
  INSERT INTO cube_place(month, end_month, country, admin1, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.country, NEW.admin1, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_place WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1);
  UPDATE cube_place SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1;
  INSERT INTO cube_country_type(month, end_month, country, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.country, NEW.event_type, NEW.sub_event_type, NEW.plover, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_country_type WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover);
  UPDATE cube_country_type SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover;
  INSERT INTO cube_all(month, end_month, country, admin1, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.country, NEW.admin1, NEW.event_type, NEW.sub_event_type, NEW.plover, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_all WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover);
  UPDATE cube_all SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover;
END;
CREATE TRIGGER events_cube_delete AFTER DELETE ON events BEGIN
  UPDATE cube_type SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  DELETE FROM cube_type WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  UPDATE cube_place SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1;
  DELETE FROM cube_place WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1;
  UPDATE cube_country_type SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  DELETE FROM cube_country_type WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  UPDATE cube_all SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  DELETE FROM cube_all WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
END;
CREATE TRIGGER events_cube_update AFTER UPDATE OF date, date_end, country, admin1, event_type, sub_event_type, plover, fatalities_low, fatalities_best, fatalities_high ON events
WHEN OLD.date IS NOT NEW.date
  OR OLD.date_end IS NOT NEW.date_end
  OR OLD.country IS NOT NEW.country
  OR OLD.admin1 IS NOT NEW.admin1
  OR OLD.event_type IS NOT NEW.event_type
  OR OLD.sub_event_type IS NOT NEW.sub_event_type
  OR OLD.plover IS NOT NEW.plover
  OR OLD.fatalities_low IS NOT NEW.fatalities_low
  OR OLD.fatalities_best IS NOT NEW.fatalities_best
  OR OLD.fatalities_high IS NOT NEW.fatalities_high BEGIN
  UPDATE cube_type SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  DELETE FROM cube_type WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  UPDATE cube_place SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1;
  DELETE FROM cube_place WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1;
  UPDATE cube_country_type SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  DELETE FROM cube_country_type WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  UPDATE cube_all SET events = events - 1, fatalities_low = fatalities_low - coalesce(OLD.fatalities_low, 0),
      fatalities_best = fatalities_best - coalesce(OLD.fatalities_best, 0),
      fatalities_high = fatalities_high - coalesce(OLD.fatalities_high, 0),
      with_figures = with_figures - (OLD.fatalities_best IS NOT NULL)
    WHERE month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  DELETE FROM cube_all WHERE events = 0 AND month IS substr(OLD.date, 1, 7)
      AND end_month IS CASE WHEN OLD.date IS NOT NULL THEN substr(coalesce(OLD.date_end, OLD.date), 1, 7) END
      AND country IS OLD.country
      AND admin1 IS OLD.admin1
      AND event_type IS OLD.event_type
      AND sub_event_type IS OLD.sub_event_type
      AND plover IS OLD.plover;
  INSERT INTO cube_type(month, end_month, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.event_type, NEW.sub_event_type, NEW.plover, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_type WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover);
  UPDATE cube_type SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover;
  INSERT INTO cube_place(month, end_month, country, admin1, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.country, NEW.admin1, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_place WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1);
  UPDATE cube_place SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1;
  INSERT INTO cube_country_type(month, end_month, country, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.country, NEW.event_type, NEW.sub_event_type, NEW.plover, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_country_type WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover);
  UPDATE cube_country_type SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover;
  INSERT INTO cube_all(month, end_month, country, admin1, event_type, sub_event_type, plover, events, fatalities_low, fatalities_best, fatalities_high,
      with_figures)
    SELECT substr(NEW.date, 1, 7), CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END, NEW.country, NEW.admin1, NEW.event_type, NEW.sub_event_type, NEW.plover, 0, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM cube_all WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover);
  UPDATE cube_all SET events = events + 1, fatalities_low = fatalities_low + coalesce(NEW.fatalities_low, 0),
      fatalities_best = fatalities_best + coalesce(NEW.fatalities_best, 0),
      fatalities_high = fatalities_high + coalesce(NEW.fatalities_high, 0),
      with_figures = with_figures + (NEW.fatalities_best IS NOT NULL)
    WHERE month IS substr(NEW.date, 1, 7)
      AND end_month IS CASE WHEN NEW.date IS NOT NULL THEN substr(coalesce(NEW.date_end, NEW.date), 1, 7) END
      AND country IS NEW.country
      AND admin1 IS NEW.admin1
      AND event_type IS NEW.event_type
      AND sub_event_type IS NEW.sub_event_type
      AND plover IS NEW.plover;
END;
