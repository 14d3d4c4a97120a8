namespace Aegis.CalendarSync.Server.Api.Conflicts;

/// <summary>Body of <c>POST /api/conflicts/{id}/resolve</c>: <c>{"keep": "local"}</c> or <c>{"keep": "google"}</c>.</summary>
public sealed record ResolveConflictRequest(string? Keep);
