-- Issue 9. The hash of Google's own rendering of a mapped event as last seen (null: same as content_hash, which
-- is the wallet's rendering of the version both sides agree on). Echoes compare against this; local changes
-- against content_hash, so an event Google renders differently (created in Google, renamed by a person) is not
-- mistaken for a local edit.
ALTER TABLE calendar_sync_mapping ADD COLUMN remote_content_hash text;

-- Inbound changes that could not be applied, one row per Google event; retried by later syncs, cleared on success.
CREATE TABLE calendar_sync_inbound_failures (
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    google_calendar_id text        NOT NULL,
    google_event_id    text        NOT NULL,
    reason             text        NOT NULL,
    attempts           integer     NOT NULL DEFAULT 1,
    first_failed_at    timestamptz NOT NULL,
    last_failed_at     timestamptz NOT NULL,
    PRIMARY KEY (user_id, google_calendar_id, google_event_id)
);
