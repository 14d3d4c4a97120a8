-- Issue 9. The wallet-side values of the version last synced that a Google event may not carry (an event made in
-- Google has no Aegis properties): when Google's version wins a conflict, these fill in what it lacks, never a
-- wallet edit that lost. All null for a mapping made before this version (until its next sync): the wallet's
-- current values are used then.
ALTER TABLE calendar_sync_mapping ADD COLUMN synced_amount TEXT;
ALTER TABLE calendar_sync_mapping ADD COLUMN synced_currency TEXT;
ALTER TABLE calendar_sync_mapping ADD COLUMN synced_event_type TEXT
    CHECK (synced_event_type IN ('bill', 'income', 'expense', 'transfer', 'reminder'));
ALTER TABLE calendar_sync_mapping ADD COLUMN synced_status TEXT CHECK (synced_status IN ('pending', 'paid', 'cancelled'));
ALTER TABLE calendar_sync_mapping ADD COLUMN synced_category TEXT;
