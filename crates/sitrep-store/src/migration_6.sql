-- Migration 6: each event's window length in days, indexed, so that a date filter can bound its
-- index range from below. "The window ends on or after `from`" cannot start an index range
-- (the end is another column); "it starts on or after `from` minus the longest window", with the
-- longest read from this index in one step, can.
ALTER TABLE events ADD COLUMN span INTEGER;
UPDATE events SET span = CAST(julianday(coalesce(date_end, date)) - julianday(date) AS INTEGER)
WHERE date IS NOT NULL;
CREATE INDEX events_span ON events(span);
