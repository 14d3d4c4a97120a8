-- Per-occurrence changes of recurring financial events, keyed by the occurrence's original start (issue 8).
-- Content columns (status .. title, updated_at, sync_source) are the user's; google_etag/content_hash are sync state.
CREATE TABLE occurrence_overrides (
    user_id            uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id uuid          NOT NULL REFERENCES financial_events (id) ON DELETE CASCADE,
    original_start     timestamptz   NOT NULL,
    status             text          NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'skipped')),
    amount             numeric(19,4),
    start_at           timestamptz,
    end_at             timestamptz,
    title              text,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    sync_source        text          NOT NULL DEFAULT 'aegis' CHECK (sync_source IN ('aegis', 'google', 'manual')),
    google_etag        text,
    content_hash       text,
    PRIMARY KEY (user_id, financial_event_id, original_start),
    CHECK (end_at IS NULL OR start_at IS NULL OR end_at >= start_at)
);

-- The coalescing enqueue of queue_google_calendar_sync(), callable from more than one trigger (same rules: only
-- users with enabled settings, one pending item per event whose action the latest write sets, NOTIFY).
CREATE FUNCTION enqueue_google_calendar_sync(v_user uuid, v_event uuid, v_action text, v_at timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM calendar_sync_settings s WHERE s.user_id = v_user AND s.enabled) THEN
        RETURN;
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
END
$$;

CREATE OR REPLACE FUNCTION queue_google_calendar_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.deleted_at IS NOT NULL THEN RETURN NULL; END IF;
        PERFORM enqueue_google_calendar_sync(OLD.user_id, OLD.id, 'delete', OLD.updated_at);
        RETURN NULL;
    END IF;

    IF NEW.sync_source = 'google' THEN RETURN NULL; END IF;
    IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NOT NULL THEN RETURN NULL; END IF;
    PERFORM enqueue_google_calendar_sync(NEW.user_id, NEW.id,
        CASE WHEN NEW.deleted_at IS NULL THEN 'upsert' ELSE 'delete' END, NEW.updated_at);
    RETURN NULL;
END
$$;

-- A content change of an override enqueues (coalesced) the outbound upsert of its live series; the outbound sync
-- then writes only the occurrences whose content differs from what Google holds. Sync-state writes do not fire.
CREATE FUNCTION queue_google_calendar_sync_occurrence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sync_source = 'google' THEN RETURN NULL; END IF;
    IF NOT EXISTS (SELECT 1 FROM financial_events e WHERE e.id = NEW.financial_event_id AND e.deleted_at IS NULL) THEN
        RETURN NULL;
    END IF;

    PERFORM enqueue_google_calendar_sync(NEW.user_id, NEW.financial_event_id, 'upsert', NEW.updated_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER queue_google_calendar_sync_occurrence
AFTER INSERT OR UPDATE OF status, amount, start_at, end_at, title, updated_at, sync_source ON occurrence_overrides
FOR EACH ROW EXECUTE FUNCTION queue_google_calendar_sync_occurrence();
