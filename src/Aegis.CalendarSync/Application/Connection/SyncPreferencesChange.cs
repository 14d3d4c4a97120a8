using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Connection;

/// <summary>The user's choices to change; null keeps the current value.</summary>
public sealed record SyncPreferencesChange(ConflictStrategy? ConflictStrategy = null, string? CalendarId = null, bool? Enabled = null);
