-- Migration 4: what `sitrep count` and the actor and source filters need in indexed tables, so a
-- count is one SQL GROUP BY and an actor or source filter is an index lookup, not a walk over
-- every event's mentions.

-- The PLOVER type: `count --by type` falls back to it when an event has no ACLED type.
ALTER TABLE events ADD COLUMN plover TEXT;
UPDATE events SET plover = json_extract(json, '$.event.plover.type');

-- Every name an event answers to. role 0: an actor name, or the words a document used for it, of
-- any member mention (actor1, actor2, claimed_by); role 1: the event's own actor1 and actor2,
-- which an alias in actor_aliases also finds. Rewritten with the event at each consolidation.
CREATE TABLE event_actors (
    name     TEXT NOT NULL COLLATE NOCASE,
    role     INTEGER NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (name, role, event_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

-- The sources of an event's member documents.
CREATE TABLE event_sources (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (event_id, source_id)
) WITHOUT ROWID;
CREATE INDEX event_sources_source ON event_sources(source_id, event_id);

INSERT OR IGNORE INTO event_actors(name, role, event_id)
SELECT x, 0, event_id FROM (
    SELECT em.event_id, m.actor1 AS x FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
    UNION ALL SELECT em.event_id, m.actor2 FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
    UNION ALL SELECT em.event_id, m.claimed_by FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
    UNION ALL SELECT em.event_id, m.actor1_text FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
    UNION ALL SELECT em.event_id, m.actor2_text FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
) WHERE x IS NOT NULL;
INSERT OR IGNORE INTO event_actors(name, role, event_id)
SELECT x, 1, id FROM (SELECT id, actor1 AS x FROM events UNION ALL SELECT id, actor2 FROM events)
WHERE x IS NOT NULL;
INSERT OR IGNORE INTO event_sources(event_id, source_id)
SELECT em.event_id, d.source_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
JOIN documents d ON d.id = m.document_id WHERE d.source_id IS NOT NULL;

-- Counts over a country or a type and a date window read only the index, never the row
-- (these replace the narrower indexes of migrations 1 and 2).
DROP INDEX events_country_nocase;
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, date, date_end, fatalities_low,
    fatalities_best, fatalities_high);
DROP INDEX events_date;
CREATE INDEX events_date_cover ON events(date, date_end, fatalities_low, fatalities_best, fatalities_high);
