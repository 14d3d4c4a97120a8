-- Private iCalendar feed (Feeds/): per-user feed tokens and a per-event revision counter.

-- Only the SHA-256 of a token is stored (hex); the token itself is shown once, when it is created.
-- At most one live (not revoked) token per user; revoked rows stay as the record of what was issued.
CREATE TABLE calendar_feed_tokens (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash text        NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE UNIQUE INDEX ux_feed_tokens_live_user ON calendar_feed_tokens (user_id) WHERE revoked_at IS NULL;

-- revision: 0 when the event is inserted, +1 on every UPDATE of the row (edit, soft delete, restore), whichever
-- code path writes it; the feed's SEQUENCE. changed_at: the row's updated_at after that write.
-- The feed's validator (ETag) is (COUNT, SUM(revision), MAX(changed_at)) over a user's rows: any insert raises the
-- count, any update raises the sum, so it changes with every write even if the clock does not advance.
CREATE TABLE financial_event_revisions (
    financial_event_id uuid        PRIMARY KEY REFERENCES financial_events (id) ON DELETE CASCADE,
    user_id            uuid        NOT NULL,
    revision           bigint      NOT NULL DEFAULT 0 CHECK (revision >= 0),
    changed_at         timestamptz NOT NULL
);
-- Covers the validator's aggregate (index-only).
CREATE INDEX ix_event_revisions_user ON financial_event_revisions (user_id, changed_at, revision);

INSERT INTO financial_event_revisions (financial_event_id, user_id, revision, changed_at)
SELECT id, user_id, 0, updated_at FROM financial_events;

CREATE FUNCTION financial_event_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO financial_event_revisions (financial_event_id, user_id, revision, changed_at)
        VALUES (NEW.id, NEW.user_id, 0, NEW.updated_at);
    ELSE
        UPDATE financial_event_revisions
           SET revision = revision + 1, changed_at = NEW.updated_at, user_id = NEW.user_id
         WHERE financial_event_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER financial_event_revision
AFTER INSERT OR UPDATE ON financial_events
FOR EACH ROW EXECUTE FUNCTION financial_event_revision();
