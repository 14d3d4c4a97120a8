-- Per-occurrence changes of recurring financial events, keyed by the occurrence's original start (issue 8).
-- Content columns (status .. title, updated_at, sync_source) are the user's; google_etag/content_hash are sync state.
CREATE TABLE occurrence_overrides (
    user_id            TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    financial_event_id TEXT NOT NULL REFERENCES financial_events (id) ON DELETE CASCADE,
    original_start     TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'skipped')),
    amount             TEXT,
    start_at           TEXT,
    end_at             TEXT,
    title              TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    sync_source        TEXT NOT NULL DEFAULT 'aegis' CHECK (sync_source IN ('aegis', 'google', 'manual')),
    google_etag        TEXT,
    content_hash       TEXT,
    PRIMARY KEY (user_id, financial_event_id, original_start),
    CHECK (end_at IS NULL OR start_at IS NULL OR end_at >= start_at)
);

-- A content change of an override enqueues (coalesced) the outbound upsert of its live series; the outbound sync
-- then writes only the occurrences whose content differs from what Google holds. Sync-state writes do not fire.
CREATE TRIGGER queue_google_calendar_sync_occurrence_insert
AFTER INSERT ON occurrence_overrides
WHEN NEW.sync_source <> 'google'
BEGIN
    INSERT INTO queue_google_calendar_sync (user_id, financial_event_id, action, at)
    SELECT NEW.user_id, NEW.financial_event_id, 'upsert', NEW.updated_at
      FROM financial_events e WHERE e.id = NEW.financial_event_id AND e.deleted_at IS NULL;
END;

CREATE TRIGGER queue_google_calendar_sync_occurrence_update
AFTER UPDATE OF status, amount, start_at, end_at, title, updated_at, sync_source ON occurrence_overrides
WHEN NEW.sync_source <> 'google'
BEGIN
    INSERT INTO queue_google_calendar_sync (user_id, financial_event_id, action, at)
    SELECT NEW.user_id, NEW.financial_event_id, 'upsert', NEW.updated_at
      FROM financial_events e WHERE e.id = NEW.financial_event_id AND e.deleted_at IS NULL;
END;
