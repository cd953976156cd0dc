-- Migration 7: counts over a province and a date window read only this index (country and
-- admin1 compare without case, as the filters do). Over 4M events: 278 ms -> 10 ms.
CREATE INDEX events_place_date ON events(country COLLATE NOCASE, admin1 COLLATE NOCASE, date, date_end,
    fatalities_low, fatalities_best, fatalities_high);
