-- Issue 13. A wallet edit makes the event's pending to_google item due at once, also when it waits in a retry tier
-- (see the PostgreSQL migration of this number); the retry count is kept. Otherwise the same coalescing enqueue as
-- 0001's INSTEAD OF trigger.
DROP TRIGGER queue_google_calendar_sync_enqueue;

CREATE TRIGGER queue_google_calendar_sync_enqueue
INSTEAD OF INSERT ON queue_google_calendar_sync
WHEN EXISTS (SELECT 1 FROM calendar_sync_settings s WHERE s.user_id = NEW.user_id AND s.enabled = 1)
BEGIN
    UPDATE sync_queue
       SET action = NEW.action,
           updated_at = NEW.at,
           next_attempt_at = NEW.at
     WHERE user_id = NEW.user_id AND financial_event_id = NEW.financial_event_id
       AND sync_direction = 'to_google' AND status = 'pending';
    INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count,
                            next_attempt_at, created_at, updated_at)
    SELECT NEW.user_id, NEW.financial_event_id, 'to_google', NEW.action, 'pending', 0, NEW.at, NEW.at, NEW.at
     WHERE NOT EXISTS (SELECT 1 FROM sync_queue
                        WHERE user_id = NEW.user_id AND financial_event_id = NEW.financial_event_id
                          AND sync_direction = 'to_google' AND status = 'pending');
END;
