using GoogleCalendarEmulator.Calendar.Model;

namespace GoogleCalendarEmulator.Admin;

/// <summary>Body of POST /emulator/latency.</summary>
public sealed record LatencyRequest(int Milliseconds);

/// <summary>Body of the admin routes that act on one account.</summary>
public sealed record AccountRequest(string Email);

/// <summary>Answer of the admin routes that change several items, e.g. how many tokens were expired.</summary>
public sealed record AffectedCount(int Count);

/// <summary>Body of POST /emulator/accounts/{email}/calendars: a calendar shared with the account under
/// <see cref="AccessRole"/> (owner, writer, reader or freeBusyReader).</summary>
public sealed record SharedCalendarRequest(string Summary, string AccessRole, string? TimeZone = null);

/// <summary>Answer of GET /emulator/accounts/{email}/calendars/{calendarId}/events: the calendar's time zone and its
/// single events and series (not cancelled, not instance exceptions) in start order.</summary>
public sealed record CalendarEventsView(string TimeZone, IReadOnlyList<CalendarEvent> Items);

/// <summary>Body and answer of POST /emulator/accounts/{email}/calendars/{calendarId}/events/bulk: events created in order.</summary>
public sealed record EventBatch(IReadOnlyList<CalendarEvent> Items);

/// <summary>Body of POST /emulator/accounts/{email}/calendars/{calendarId}/events/bulk-patch: patches applied in order,
/// each as PATCH /emulator/…/events/{id} applies one; answered with the patched events (<see cref="EventBatch"/>).</summary>
public sealed record EventPatchBatch(IReadOnlyList<EventPatchItem> Items);

/// <summary>One patch of <see cref="EventPatchBatch"/>: the event's id and the fields to change (any JSON object).</summary>
public sealed record EventPatchItem(string Id, System.Text.Json.Nodes.JsonObject Patch);
