-- Issue 9. The wallet-side values of the version last synced that a Google event may not carry (an event made in
-- Google has no Aegis properties): when Google's version wins a conflict, these fill in what it lacks, never a
-- wallet edit that lost. All null for a mapping made before this version (until its next sync): the wallet's
-- current values are used then.
ALTER TABLE calendar_sync_mapping
    ADD COLUMN synced_amount numeric(19,4),
    ADD COLUMN synced_currency text,
    ADD COLUMN synced_event_type text CHECK (synced_event_type IN ('bill', 'income', 'expense', 'transfer', 'reminder')),
    ADD COLUMN synced_status text CHECK (synced_status IN ('pending', 'paid', 'cancelled')),
    ADD COLUMN synced_category text;
