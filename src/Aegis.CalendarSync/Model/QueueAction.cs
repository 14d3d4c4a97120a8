namespace Aegis.CalendarSync.Model;

/// <summary>What a queue item asks for. Stored as snake_case text.
/// to_google items: Upsert (insert or update) and Delete, one per financial event (coalesced while pending).
/// from_google items: IncrementalSync and FullSync, calendar-wide (financial_event_id null), coalesced per user.</summary>
public enum QueueAction { Upsert, Delete, IncrementalSync, FullSync }
