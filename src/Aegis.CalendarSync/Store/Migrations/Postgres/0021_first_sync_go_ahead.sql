-- Issue 9, dry run. A new connection waits for the user's go-ahead before its first sync: awaiting_start_since is
-- when the OAuth connect completed (null: the user pressed Start, or the connection predates this version), and
-- pending_calendar_name the dedicated calendar Start creates (null: calendar_id is the calendar to sync). While
-- awaiting, the user's queue work is not claimed and nothing is written to Google.
ALTER TABLE calendar_sync_settings ADD COLUMN awaiting_start_since timestamptz;
ALTER TABLE calendar_sync_settings ADD COLUMN pending_calendar_name text;
