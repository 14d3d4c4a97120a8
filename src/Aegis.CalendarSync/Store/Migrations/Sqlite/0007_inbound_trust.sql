-- Issue 9. The hash of Google's own rendering of a mapped event as last seen (null: same as content_hash, which
-- is the wallet's rendering of the version both sides agree on). Echoes compare against this; local changes
-- against content_hash, so an event Google renders differently (created in Google, renamed by a person) is not
-- mistaken for a local edit.
ALTER TABLE calendar_sync_mapping ADD COLUMN remote_content_hash TEXT;

-- Inbound changes that could not be applied, one row per Google event; retried by later syncs, cleared on success.
CREATE TABLE calendar_sync_inbound_failures (
    user_id            TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    google_calendar_id TEXT    NOT NULL,
    google_event_id    TEXT    NOT NULL,
    reason             TEXT    NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 1,
    first_failed_at    TEXT    NOT NULL,
    last_failed_at     TEXT    NOT NULL,
    PRIMARY KEY (user_id, google_calendar_id, google_event_id)
);
