using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Connection;

/// <summary>The user's choices to change; null keeps the current value.</summary>
/// <param name="ImportForeignEvents">Marks the selected calendar (after a <paramref name="CalendarId"/> switch: the new
/// one) for import of the events Aegis did not create.</param>
public sealed record SyncPreferencesChange(ConflictStrategy? ConflictStrategy = null, string? CalendarId = null, bool? Enabled = null,
    bool? ImportForeignEvents = null);
