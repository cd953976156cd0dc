-- Migration 3: what `sitrep watch` remembers of each feed URL between polls.
-- The validators a server sent with the feed's last full answer; the next poll sends them back
-- (If-None-Match, If-Modified-Since) and a 304 means nothing new. They are written only after
-- the feed's documents are, so a crash in between costs one full fetch, never a missed item.
CREATE TABLE feed_validators (
    url           TEXT PRIMARY KEY,
    etag          TEXT,                    -- the ETag header, verbatim (quotes and W/ kept)
    last_modified TEXT,                    -- the Last-Modified header, verbatim
    fetched_at    TEXT NOT NULL            -- when sitrep recorded them (RFC 3339, UTC)
);
