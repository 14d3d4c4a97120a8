-- Issue 11. What an audit row shows people without joining today's state: the event's title as it was when the row
-- was written (a later rename or a hard delete does not change history), what the operation did in words (e.g.
-- "3 change(s)", "renamed to 'Flat rent'"; error_message is for errors only from now on), and for a change that
-- reached the other side the time from the change to that side's acknowledgement.
ALTER TABLE calendar_sync_audit ADD COLUMN event_title text;
ALTER TABLE calendar_sync_audit ADD COLUMN details text;
ALTER TABLE calendar_sync_audit ADD COLUMN propagation_ms bigint;
