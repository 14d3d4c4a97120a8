-- Issue 9, what is imported. Events Aegis did not create are imported as financial events only from a calendar the
-- user marked for import: the flag belongs to the selected calendar (cleared when sync moves to another one). Off for
-- every existing connection, so a primary calendar's meetings and birthdays stop becoming money records.
ALTER TABLE calendar_sync_settings ADD COLUMN import_foreign_events boolean NOT NULL DEFAULT false;
