-- Aegis Calendar Sync schema (SQLite). uuids are canonical TEXT, timestamps ISO-8601 UTC TEXT in the
-- round-trip "O" format (fixed width, so text order is time order), amounts invariant-culture TEXT.

CREATE TABLE users (
    id           TEXT NOT NULL PRIMARY KEY,
    email        TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE financial_events (
    id          TEXT    NOT NULL PRIMARY KEY,
    user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    description TEXT,
    amount      TEXT    NOT NULL DEFAULT '0',
    currency    TEXT    NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    event_type  TEXT    NOT NULL CHECK (event_type IN ('bill', 'income', 'expense', 'transfer', 'reminder')),
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled')),
    start_at    TEXT    NOT NULL,
    end_at      TEXT    NOT NULL,
    all_day     INTEGER NOT NULL DEFAULT 0,
    time_zone   TEXT    NOT NULL DEFAULT 'UTC',
    recurrence  TEXT,
    category    TEXT,
    location    TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    deleted_at  TEXT,
    sync_source TEXT    NOT NULL DEFAULT 'aegis' CHECK (sync_source IN ('aegis', 'google', 'manual')),
    CHECK (end_at >= start_at)
);
CREATE INDEX ix_financial_events_user_start ON financial_events (user_id, start_at);

-- No foreign key to financial_events: a mapping must outlive a hard delete until Google has been told.
CREATE TABLE calendar_sync_mapping (
    user_id            TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id TEXT    NOT NULL,
    google_calendar_id TEXT    NOT NULL,
    google_event_id    TEXT    NOT NULL,
    google_etag        TEXT,
    content_hash       TEXT,
    sync_source        TEXT    NOT NULL CHECK (sync_source IN ('aegis', 'google', 'manual')),
    last_modified_at   TEXT    NOT NULL,
    last_synced_at     TEXT,
    version            INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, financial_event_id),
    CONSTRAINT ux_mapping_google_event UNIQUE (user_id, google_calendar_id, google_event_id)
);

CREATE TABLE calendar_sync_settings (
    user_id                 TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    enabled                 INTEGER NOT NULL DEFAULT 0,
    calendar_id             TEXT    NOT NULL DEFAULT 'primary',
    google_account_email    TEXT,
    encrypted_access_token  TEXT,
    encrypted_refresh_token TEXT,
    token_expires_at        TEXT,
    sync_token              TEXT,
    google_channel_id       TEXT    CONSTRAINT ux_settings_channel UNIQUE,
    google_resource_id      TEXT,
    channel_expiry_at       TEXT,
    webhook_secret          TEXT,
    last_message_number     INTEGER NOT NULL DEFAULT 0,
    conflict_strategy       TEXT    NOT NULL DEFAULT 'last_write_wins'
                            CHECK (conflict_strategy IN ('last_write_wins', 'local_wins', 'google_wins', 'manual')),
    last_full_sync_at       TEXT,
    disabled_reason         TEXT,
    updated_at              TEXT    NOT NULL
);
CREATE INDEX ix_settings_channel_expiry ON calendar_sync_settings (channel_expiry_at);

-- AUTOINCREMENT: ids never go back after a purge, so id order stays enqueue order.
CREATE TABLE sync_queue (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id TEXT,
    sync_direction     TEXT    NOT NULL CHECK (sync_direction IN ('to_google', 'from_google')),
    action             TEXT    NOT NULL CHECK (action IN ('upsert', 'delete', 'incremental_sync', 'full_sync')),
    status             TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    retry_count        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    TEXT    NOT NULL,
    locked_until       TEXT,
    lease_id           TEXT,
    last_error         TEXT,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    CHECK ((sync_direction = 'to_google') = (financial_event_id IS NOT NULL))
);
CREATE INDEX ix_sync_queue_user_status_created ON sync_queue (user_id, status, created_at);
CREATE INDEX ix_sync_queue_status_next_attempt ON sync_queue (status, next_attempt_at);
-- Serves the claim's per-event ordering check and the trigger's coalescing lookup.
CREATE INDEX ix_sync_queue_user_event ON sync_queue (user_id, financial_event_id, id);

CREATE TABLE calendar_sync_audit (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action             TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('success', 'skipped', 'failed', 'conflict')),
    financial_event_id TEXT,
    google_event_id    TEXT,
    error_code         TEXT,
    error_message      TEXT,
    conflict_details   TEXT CHECK (conflict_details IS NULL OR json_valid(conflict_details)),
    duration_ms        INTEGER,
    created_at         TEXT    NOT NULL
);
CREATE INDEX ix_audit_user_created ON calendar_sync_audit (user_id, created_at);
CREATE INDEX ix_audit_created ON calendar_sync_audit (created_at);

CREATE TABLE sync_conflicts (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id TEXT    NOT NULL,
    google_event_id    TEXT    NOT NULL,
    local_version      TEXT    NOT NULL CHECK (json_valid(local_version)),
    google_version     TEXT    NOT NULL CHECK (json_valid(google_version)),
    status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved_local', 'resolved_google')),
    created_at         TEXT    NOT NULL,
    resolved_at        TEXT
);
CREATE INDEX ix_conflicts_user_status ON sync_conflicts (user_id, status);

-- queue_google_calendar_sync: same rules as the PostgreSQL trigger function of that name (see there):
-- loop guard on sync_source 'google', only users with enabled settings, coalescing into the one pending item,
-- timestamps from the row's updated_at, hard DELETE of a live row enqueues a delete.
-- SQLite triggers cannot call a shared routine, so the three row triggers insert into this view and its
-- INSTEAD OF trigger holds the coalescing logic once.
CREATE VIEW queue_google_calendar_sync AS
    SELECT user_id, financial_event_id, action, updated_at AS at FROM sync_queue WHERE 0;

CREATE TRIGGER queue_google_calendar_sync_enqueue
INSTEAD OF INSERT ON queue_google_calendar_sync
WHEN EXISTS (SELECT 1 FROM calendar_sync_settings s WHERE s.user_id = NEW.user_id AND s.enabled = 1)
BEGIN
    UPDATE sync_queue
       SET action = NEW.action,
           updated_at = NEW.at,
           next_attempt_at = CASE WHEN retry_count = 0 THEN NEW.at ELSE next_attempt_at END
     WHERE user_id = NEW.user_id AND financial_event_id = NEW.financial_event_id
       AND sync_direction = 'to_google' AND status = 'pending';
    INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count,
                            next_attempt_at, created_at, updated_at)
    SELECT NEW.user_id, NEW.financial_event_id, 'to_google', NEW.action, 'pending', 0, NEW.at, NEW.at, NEW.at
     WHERE NOT EXISTS (SELECT 1 FROM sync_queue
                        WHERE user_id = NEW.user_id AND financial_event_id = NEW.financial_event_id
                          AND sync_direction = 'to_google' AND status = 'pending');
END;

CREATE TRIGGER queue_google_calendar_sync_insert
AFTER INSERT ON financial_events
WHEN NEW.sync_source <> 'google'
BEGIN
    INSERT INTO queue_google_calendar_sync (user_id, financial_event_id, action, at)
    VALUES (NEW.user_id, NEW.id, CASE WHEN NEW.deleted_at IS NULL THEN 'upsert' ELSE 'delete' END, NEW.updated_at);
END;

CREATE TRIGGER queue_google_calendar_sync_update
AFTER UPDATE ON financial_events
WHEN NEW.sync_source <> 'google' AND NOT (OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NOT NULL)
BEGIN
    INSERT INTO queue_google_calendar_sync (user_id, financial_event_id, action, at)
    VALUES (NEW.user_id, NEW.id, CASE WHEN NEW.deleted_at IS NULL THEN 'upsert' ELSE 'delete' END, NEW.updated_at);
END;

CREATE TRIGGER queue_google_calendar_sync_delete
AFTER DELETE ON financial_events
WHEN OLD.deleted_at IS NULL
BEGIN
    INSERT INTO queue_google_calendar_sync (user_id, financial_event_id, action, at)
    VALUES (OLD.user_id, OLD.id, 'delete', OLD.updated_at);
END;
