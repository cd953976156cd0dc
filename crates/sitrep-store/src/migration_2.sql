-- Migration 2: indexes the date and country filters can use.
-- A date window [from, to] meets an event when its end (or its day) is on or after `from`;
-- written as `date >= from OR date_end >= from`, SQLite answers it from these two indexes
-- instead of walking every older event. Country filters compare without case, so their index
-- must too.
CREATE INDEX events_date_end ON events(date_end);
CREATE INDEX events_country_nocase ON events(country COLLATE NOCASE, date);
