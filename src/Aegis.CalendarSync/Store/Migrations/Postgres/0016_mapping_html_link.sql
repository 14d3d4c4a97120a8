-- Issue 11. Google's htmlLink of a mapped event (the "View in Google Calendar" link), as Google last answered it;
-- null until the next sync of an event mapped before this version.
ALTER TABLE calendar_sync_mapping ADD COLUMN html_link text;
