-- Migration 1: the first schema. Every later change is a new migration, never an edit of this one.

-- Who published: one row per (name, handle). Affiliation etc. come from sources.toml or the input.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    handle      TEXT NOT NULL DEFAULT '',
    kind        TEXT,
    affiliation TEXT,
    country     TEXT,
    UNIQUE (name, handle)
);

-- One row per distinct text: the content hash makes re-ingest a no-op.
CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL,           -- the id as given at ingest
    content_hash   TEXT NOT NULL UNIQUE,    -- sha256 of the text, hex
    published      TEXT,                    -- as given
    published_date TEXT,                    -- YYYY-MM-DD when readable
    url            TEXT,
    title          TEXT,
    source_id      INTEGER REFERENCES sources(id),
    origin         TEXT,                    -- file (and record) it was read from
    text           TEXT NOT NULL,
    extra          TEXT,                    -- unknown input keys, JSON object
    ingested_at    TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_published ON documents(published_date);

-- One row per extracted event of a document, as extracted (never edited).
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    mention_key    TEXT NOT NULL UNIQUE,    -- first 16 hex of the content hash '#' ordinal
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    json           TEXT NOT NULL,           -- the CONTRACT event
    evidence       TEXT NOT NULL,           -- JSON spans
    evidence_text  TEXT,                    -- the sentences the spans cover
    event_type     TEXT,
    sub_event_type TEXT,
    date           TEXT,
    country        TEXT,
    admin1         TEXT,
    location       TEXT,
    actor1         TEXT,
    actor1_text    TEXT,
    actor2         TEXT,
    actor2_text    TEXT,
    claimed_by     TEXT,
    fatalities_min INTEGER,
    fatalities_max INTEGER,
    confidence     REAL NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_actor1 ON mentions(actor1 COLLATE NOCASE);
CREATE INDEX mentions_actor2 ON mentions(actor2 COLLATE NOCASE);

-- Consolidated events: one per cluster of mentions. `key` is the smallest member mention key.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    json            TEXT NOT NULL,          -- the consolidation summary (event, estimate, per source)
    event_type      TEXT,
    sub_event_type  TEXT,
    date            TEXT,
    date_end        TEXT,
    country         TEXT,
    admin1          TEXT,
    location        TEXT,
    actor1          TEXT,
    actor2          TEXT,
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    n_mentions      INTEGER NOT NULL,
    n_sources       INTEGER NOT NULL,
    confidence      REAL NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country_admin1 ON events(country, admin1);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_actor1 ON events(actor1 COLLATE NOCASE);
CREATE INDEX events_actor2 ON events(actor2 COLLATE NOCASE);

-- Which mentions make an event, and why each joined (JSON link: matched mention, score, reasons).
CREATE TABLE event_mentions (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL UNIQUE REFERENCES mentions(id) ON DELETE CASCADE,
    link       TEXT NOT NULL,
    PRIMARY KEY (event_id, mention_id)
);

CREATE TABLE statements (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    json        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    speaker     TEXT NOT NULL,
    affiliation TEXT,
    target      TEXT,
    UNIQUE (document_id, ordinal)
);

CREATE TABLE tallies (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    json        TEXT NOT NULL,
    count       INTEGER NOT NULL,
    event_type  TEXT,
    date        TEXT,
    date_end    TEXT,
    UNIQUE (document_id, ordinal)
);

-- Actors and places seen in mentions, with the words documents used for them.
CREATE TABLE actors (
    name    TEXT PRIMARY KEY,
    kind    TEXT,
    country TEXT
);
CREATE TABLE actor_aliases (
    alias TEXT NOT NULL,
    name  TEXT NOT NULL REFERENCES actors(name),
    PRIMARY KEY (alias, name)
);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    admin1    TEXT,
    admin2    TEXT,
    country   TEXT,
    lat       REAL,
    lon       REAL
);

-- Analyst overrides. `anchor` is a mention key: the override applies to whichever event holds
-- that mention, so it survives re-consolidation and re-extraction (keys are content-derived).
CREATE TABLE review (
    id      INTEGER PRIMARY KEY,
    anchor  TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit')),
    patch   TEXT,                           -- JSON object of field -> value, for edit
    why     TEXT NOT NULL,
    who     TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX review_anchor ON review(anchor);
