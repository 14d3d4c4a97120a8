-- Issue 12. Indexes the claim can use at any queue size (measured by the bench's claim scenarios).
-- The claim reads only pending and processing rows, never the completed history, so all three are partial.
-- The per-key ordering check: one key per (user, financial event); calendar-wide from_google work (no event) keys
-- on the user's own id, which no financial event shares.
CREATE INDEX ix_sync_queue_active_key ON sync_queue (user_id, COALESCE(financial_event_id, user_id), id)
    WHERE status IN ('pending', 'processing');
-- Due work in the order it fell due.
CREATE INDEX ix_sync_queue_due ON sync_queue (next_attempt_at, id) WHERE status = 'pending';
-- Expired leases (a worker died).
CREATE INDEX ix_sync_queue_lease_expiry ON sync_queue (locked_until, id) WHERE status = 'processing';
