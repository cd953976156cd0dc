-- actor_keys and source_keys (migration 9) emptied and filled again from event_actors,
-- event_sources, sources and events. Sorted by key before the insert, so that
-- each table is written in its own order (a page at a time, not at random). No word is empty:
-- an empty filter is said on the lookup tables (query.rs).
DELETE FROM actor_keys;
DELETE FROM source_keys;
INSERT OR IGNORE INTO actor_keys(name, day, event_id, end_day, country, admin1, fatalities_low,
    fatalities_best, fatalities_high)
SELECT k.name, coalesce(e.date, ''), e.id, CASE WHEN e.date IS NOT NULL THEN coalesce(e.date_end, e.date) END,
    e.country, e.admin1, e.fatalities_low, e.fatalities_best, e.fatalities_high
FROM (SELECT name, event_id FROM event_actors WHERE role = 0 AND name <> '') k
CROSS JOIN events e ON e.id = k.event_id
ORDER BY 1 COLLATE NOCASE, 2, 3;
INSERT OR IGNORE INTO source_keys(name, day, event_id, end_day, country, admin1, fatalities_low,
    fatalities_best, fatalities_high)
SELECT k.name, coalesce(e.date, ''), e.id, CASE WHEN e.date IS NOT NULL THEN coalesce(e.date_end, e.date) END,
    e.country, e.admin1, e.fatalities_low, e.fatalities_best, e.fatalities_high
FROM (SELECT s.name AS name, es.event_id FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE s.name <> ''
      UNION ALL
      SELECT s.handle, es.event_id FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE s.handle <> '') k
CROSS JOIN events e ON e.id = k.event_id
ORDER BY 1 COLLATE NOCASE, 2, 3;
