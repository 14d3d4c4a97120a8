-- Deletion safety (issue 9).
-- connection_id: a fresh id per successful Google connect. A mapping records the connection it was made under; a
-- mapping of an earlier connection (reconnect, another account, an emptied calendar) is re-pushed, never taken as a
-- deletion. Connected users and their mappings get one id now, so existing links count as the current connection.
ALTER TABLE calendar_sync_settings ADD COLUMN connection_id text;
ALTER TABLE calendar_sync_mapping ADD COLUMN connection_id text;
UPDATE calendar_sync_settings SET connection_id = replace(gen_random_uuid()::text, '-', '') WHERE encrypted_refresh_token IS NOT NULL;
UPDATE calendar_sync_mapping m
   SET connection_id = s.connection_id FROM calendar_sync_settings s WHERE s.user_id = m.user_id;

-- Deletions from Google held back by the mass-delete guard until the user confirms or restores them. The wallet
-- event stays live and its mapping stays in place while a row exists here.
CREATE TABLE held_deletions (
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id uuid        NOT NULL,
    google_calendar_id text        NOT NULL,
    google_event_id    text        NOT NULL,
    held_at            timestamptz NOT NULL,
    PRIMARY KEY (user_id, financial_event_id)
);

-- Trash listing and purge: soft-deleted rows by deletion time.
CREATE INDEX ix_financial_events_deleted ON financial_events (deleted_at) WHERE deleted_at IS NOT NULL;
