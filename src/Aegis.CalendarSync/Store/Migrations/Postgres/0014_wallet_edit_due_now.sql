-- Issue 13. A wallet edit makes the event's pending to_google item due at once, also when it waits in a retry tier
-- (up to 12 h after repeated Google failures): the new content is sent now instead of at the end of that wait. The
-- retry count is kept, so the tier ladder and the dead-letter threshold still bound an item that keeps failing.
-- Otherwise the same coalescing enqueue as 0005.
CREATE OR REPLACE FUNCTION enqueue_google_calendar_sync(v_user uuid, v_event uuid, v_action text, v_at timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM calendar_sync_settings s WHERE s.user_id = v_user AND s.enabled) THEN
        RETURN;
    END IF;

    UPDATE sync_queue
       SET action = v_action,
           updated_at = v_at,
           next_attempt_at = v_at
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
