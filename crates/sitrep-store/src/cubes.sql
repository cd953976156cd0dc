-- The four count cubes of migration 8, filled from `events`, and the triggers that keep them in
-- step with every insert, update and delete of an event. Idempotent: it drops the triggers,
-- empties and refills the cubes, and creates the triggers again. Applied after migration 8, after
-- each `Store::consolidate` (which leaves the triggers out while it rewrites events in bulk: they
-- tripled its cost), and on open when a crash left the triggers out.
DROP TRIGGER IF EXISTS events_cube_insert;
DROP TRIGGER IF EXISTS events_cube_delete;
DROP TRIGGER IF EXISTS events_cube_update;
DELETE FROM cube_all;
DELETE FROM cube_type;
DELETE FROM cube_place;
DELETE FROM cube_country_type;

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
