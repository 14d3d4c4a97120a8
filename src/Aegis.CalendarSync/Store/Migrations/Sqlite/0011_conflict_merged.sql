-- Issue 11. A conflict can be resolved by merging fields of both versions: status 'resolved_merged'. SQLite cannot
-- alter a CHECK constraint, so the table is rebuilt with its rows, ids and index.
CREATE TABLE sync_conflicts_rebuilt (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id TEXT    NOT NULL,
    google_event_id    TEXT    NOT NULL,
    local_version      TEXT    NOT NULL CHECK (json_valid(local_version)),
    google_version     TEXT    NOT NULL CHECK (json_valid(google_version)),
    status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved_local', 'resolved_google', 'resolved_merged')),
    created_at         TEXT    NOT NULL,
    resolved_at        TEXT
);
INSERT INTO sync_conflicts_rebuilt (id, user_id, financial_event_id, google_event_id, local_version, google_version, status, created_at, resolved_at)
    SELECT id, user_id, financial_event_id, google_event_id, local_version, google_version, status, created_at, resolved_at FROM sync_conflicts;
DROP TABLE sync_conflicts;
ALTER TABLE sync_conflicts_rebuilt RENAME TO sync_conflicts;
CREATE INDEX ix_conflicts_user_status ON sync_conflicts (user_id, status);
