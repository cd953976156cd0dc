-- The four count cubes of migration 8, emptied and filled again from `events` (their triggers
-- dropped first). `cubes::rebuild_sql` runs this and then creates the triggers that keep the cubes
-- in step. Applied after migration 8, after each `Store::consolidate` (which leaves the triggers
-- out while it rewrites events in bulk: they tripled its cost), and on open when a crash left
-- the triggers out.
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
