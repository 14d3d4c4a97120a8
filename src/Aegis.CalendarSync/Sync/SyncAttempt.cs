using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>One sync operation in progress: the connected user's settings as read at its start, and the timestamp
/// its audit row measures its duration from.</summary>
internal sealed record SyncAttempt(CalendarSyncSettings Settings, long StartedAt)
{
    public Guid UserId => Settings.UserId;

    public GoogleAccount Account => new(Settings.UserId);

    /// <summary>The calendar sync currently targets (inserts go here; a mapping may still point at an older one).</summary>
    public string CalendarId => Settings.CalendarId;

    public ConflictStrategy Strategy => Settings.ConflictStrategy;

    /// <summary>False for a catch-up push whose change predates the connection: no propagation time is recorded.</summary>
    public bool MeasuresPropagation { get; init; } = true;

    /// <summary>An audit row of this attempt's user; callers add event ids and error details with <c>with</c>.</summary>
    public AuditEntry Audit(AuditAction action, AuditOutcome outcome) => AuditEntry.Of(UserId, action, outcome);
}
