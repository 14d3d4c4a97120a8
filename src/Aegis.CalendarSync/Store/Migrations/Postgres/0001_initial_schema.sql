-- Aegis Calendar Sync schema (PostgreSQL). Enum columns hold the snake_case text of the C# enums.

CREATE TABLE users (
    id           uuid        PRIMARY KEY,
    email        text        NOT NULL UNIQUE,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE financial_events (
    id          uuid          PRIMARY KEY,
    user_id     uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       text          NOT NULL,
    description text,
    amount      numeric(19,4) NOT NULL DEFAULT 0,
    currency    text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    event_type  text          NOT NULL CHECK (event_type IN ('bill', 'income', 'expense', 'transfer', 'reminder')),
    status      text          NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled')),
    start_at    timestamptz   NOT NULL,
    end_at      timestamptz   NOT NULL,
    all_day     boolean       NOT NULL DEFAULT false,
    time_zone   text          NOT NULL DEFAULT 'UTC',
    recurrence  text,
    category    text,
    location    text,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    deleted_at  timestamptz,
    sync_source text          NOT NULL DEFAULT 'aegis' CHECK (sync_source IN ('aegis', 'google', 'manual')),
    CHECK (end_at >= start_at)
);
CREATE INDEX ix_financial_events_user_start ON financial_events (user_id, start_at);

-- No foreign key to financial_events: a mapping must outlive a hard delete until Google has been told.
CREATE TABLE calendar_sync_mapping (
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id uuid        NOT NULL,
    google_calendar_id text        NOT NULL,
    google_event_id    text        NOT NULL,
    google_etag        text,
    content_hash       text,
    sync_source        text        NOT NULL CHECK (sync_source IN ('aegis', 'google', 'manual')),
    last_modified_at   timestamptz NOT NULL,
    last_synced_at     timestamptz,
    version            bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, financial_event_id),
    CONSTRAINT ux_mapping_google_event UNIQUE (user_id, google_calendar_id, google_event_id)
);

CREATE TABLE calendar_sync_settings (
    user_id                 uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    enabled                 boolean     NOT NULL DEFAULT false,
    calendar_id             text        NOT NULL DEFAULT 'primary',
    google_account_email    text,
    encrypted_access_token  text,
    encrypted_refresh_token text,
    token_expires_at        timestamptz,
    sync_token              text,
    google_channel_id       text        CONSTRAINT ux_settings_channel UNIQUE,
    google_resource_id      text,
    channel_expiry_at       timestamptz,
    webhook_secret          text,
    last_message_number     bigint      NOT NULL DEFAULT 0,
    conflict_strategy       text        NOT NULL DEFAULT 'last_write_wins'
                            CHECK (conflict_strategy IN ('last_write_wins', 'local_wins', 'google_wins', 'manual')),
    last_full_sync_at       timestamptz,
    disabled_reason         text,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX ix_settings_channel_expiry ON calendar_sync_settings (channel_expiry_at);

CREATE TABLE sync_queue (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id uuid,
    sync_direction     text        NOT NULL CHECK (sync_direction IN ('to_google', 'from_google')),
    action             text        NOT NULL CHECK (action IN ('upsert', 'delete', 'incremental_sync', 'full_sync')),
    status             text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    retry_count        integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    locked_until       timestamptz,
    lease_id           uuid,
    last_error         text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK ((sync_direction = 'to_google') = (financial_event_id IS NOT NULL))
);
CREATE INDEX ix_sync_queue_user_status_created ON sync_queue (user_id, status, created_at);
CREATE INDEX ix_sync_queue_status_next_attempt ON sync_queue (status, next_attempt_at);
-- Serves the claim's per-event ordering check and the trigger's coalescing lookup.
CREATE INDEX ix_sync_queue_user_event ON sync_queue (user_id, financial_event_id, id);

CREATE TABLE calendar_sync_audit (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action             text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('success', 'skipped', 'failed', 'conflict')),
    financial_event_id uuid,
    google_event_id    text,
    error_code         text,
    error_message      text,
    conflict_details   json,
    duration_ms        bigint,
    created_at         timestamptz NOT NULL
);
CREATE INDEX ix_audit_user_created ON calendar_sync_audit (user_id, created_at);
CREATE INDEX ix_audit_created ON calendar_sync_audit (created_at);

CREATE TABLE sync_conflicts (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id uuid        NOT NULL,
    google_event_id    text        NOT NULL,
    local_version      json        NOT NULL,
    google_version     json        NOT NULL,
    status             text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved_local', 'resolved_google')),
    created_at         timestamptz NOT NULL,
    resolved_at        timestamptz
);
CREATE INDEX ix_conflicts_user_status ON sync_conflicts (user_id, status);

-- Enqueues outbound work in the writing transaction.
-- * Loop guard: a write whose sync_source is 'google' came from the inbound sync and is never sent back.
-- * Only users with enabled sync settings get work: an unconnected user's edits would otherwise pile up as items
--   that can never run; connecting triggers a full sync, which covers everything written before.
-- * Coalescing: repeated edits update the event's one pending item (latest action wins) instead of adding rows;
--   an item already being processed is left alone and the new item waits behind it (claim ordering).
-- * Queue timestamps come from the row's updated_at, which the application writes from its clock, so the queue
--   never mixes the database clock with the application's.
-- * A hard DELETE of a row that was not soft-deleted enqueues a delete (a soft delete already did).
CREATE FUNCTION queue_google_calendar_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_user   uuid;
    v_event  uuid;
    v_action text;
    v_at     timestamptz;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.deleted_at IS NOT NULL THEN RETURN NULL; END IF;
        v_user := OLD.user_id; v_event := OLD.id; v_action := 'delete'; v_at := OLD.updated_at;
    ELSE
        IF NEW.sync_source = 'google' THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NOT NULL THEN RETURN NULL; END IF;
        v_user := NEW.user_id; v_event := NEW.id; v_at := NEW.updated_at;
        v_action := CASE WHEN NEW.deleted_at IS NULL THEN 'upsert' ELSE 'delete' END;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM calendar_sync_settings s WHERE s.user_id = v_user AND s.enabled) THEN
        RETURN NULL;
    END IF;

    UPDATE sync_queue
       SET action = v_action,
           updated_at = v_at,
           next_attempt_at = CASE WHEN retry_count = 0 THEN v_at ELSE next_attempt_at END
     WHERE user_id = v_user AND financial_event_id = v_event
       AND sync_direction = 'to_google' AND status = 'pending';
    IF NOT FOUND THEN
        INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count,
                                next_attempt_at, created_at, updated_at)
        VALUES (v_user, v_event, 'to_google', v_action, 'pending', 0, v_at, v_at, v_at);
    END IF;

    PERFORM pg_notify('aegis_sync_queue', v_user::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER queue_google_calendar_sync
AFTER INSERT OR UPDATE OR DELETE ON financial_events
FOR EACH ROW EXECUTE FUNCTION queue_google_calendar_sync();
