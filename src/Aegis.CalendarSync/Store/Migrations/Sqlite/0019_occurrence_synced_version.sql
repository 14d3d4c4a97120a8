-- Session 5. Last write wins by the recorded clocks for single occurrences, as for whole events: the updated_at of
-- the override version last synced (pushed to Google, or found already there), so a wallet write since then is a
-- version of its own even when its content is back to the version last synced. Overrides synced before this
-- version take their current updated_at (an unsynced content change is still seen by its content hash).
ALTER TABLE occurrence_overrides ADD COLUMN synced_version_at TEXT;
UPDATE occurrence_overrides SET synced_version_at = updated_at WHERE content_hash IS NOT NULL;
