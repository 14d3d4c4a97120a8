-- Issue 13, several calendars per connection. The calendar chosen on calendar_sync_settings stays the default one
-- (its sync token, push channel and import flag stay on that row; every event type not routed elsewhere goes
-- there). Each further calendar sync writes to (event types routed to it) or imports from has one row here with its
-- own sync token, push channel, message number and sync times. event_types: the wire names of the event types
-- routed here, comma separated, each routed to at most one calendar (the application replaces a user's rows as one
-- set).
CREATE TABLE calendar_sync_calendars (
    user_id               uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    calendar_id           text        NOT NULL,
    event_types           text        NOT NULL DEFAULT '',
    import_foreign_events boolean     NOT NULL DEFAULT false,
    sync_token            text,
    google_channel_id     text        CONSTRAINT ux_synced_calendar_channel UNIQUE,
    google_resource_id    text,
    channel_expiry_at     timestamptz,
    last_message_number   bigint      NOT NULL DEFAULT 0,
    last_full_sync_at     timestamptz,
    last_synced_at        timestamptz,
    updated_at            timestamptz NOT NULL,
    PRIMARY KEY (user_id, calendar_id)
);
CREATE INDEX ix_synced_calendar_channel_expiry ON calendar_sync_calendars (channel_expiry_at);

-- When the default calendar last finished an incremental or full sync (the rows above have their own).
ALTER TABLE calendar_sync_settings ADD COLUMN last_synced_at timestamptz;

-- The calendar a from_google item syncs (a push names its channel's calendar); null: every synced calendar of the user.
ALTER TABLE sync_queue ADD COLUMN google_calendar_id text;
