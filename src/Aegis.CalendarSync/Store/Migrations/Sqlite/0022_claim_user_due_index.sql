-- Issue 12, batched pushes. A claim takes the due work of one user (the user of the oldest claimable due item), so a
-- user's changes go to Google together (one batch request per up to 50). This index walks that user's due work in
-- the order it fell due, so the claim's cost stays that of its batch, whatever else is queued.
CREATE INDEX ix_sync_queue_user_due ON sync_queue (user_id, next_attempt_at, id) WHERE status = 'pending';
