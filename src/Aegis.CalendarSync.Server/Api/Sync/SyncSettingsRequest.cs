namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>Body of <c>PUT /api/sync/settings</c>; absent fields keep their value.</summary>
public sealed record SyncSettingsRequest(string? ConflictStrategy, string? CalendarId, bool? Enabled, bool? ImportForeignEvents);
