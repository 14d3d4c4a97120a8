namespace Aegis.CalendarSync.Sync;

/// <summary>A per-field merge cannot apply to this conflict (nothing was written); the message says why in plain
/// words and what the user can do instead.</summary>
public sealed class ConflictMergeException(string message) : InvalidOperationException(message);
