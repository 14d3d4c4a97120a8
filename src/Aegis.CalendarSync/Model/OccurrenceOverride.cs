namespace Aegis.CalendarSync.Model;

/// <summary>The wallet's change to one occurrence of a recurring financial event (its series), keyed by the
/// occurrence's original start: the start the series' recurrence gives it, which identifies it even after a move.
/// Null fields take the series' value. The series itself is never changed by an override.</summary>
public sealed record OccurrenceOverride
{
    public required Guid UserId { get; init; }
    /// <summary>The series (a <see cref="FinancialEvent"/> with recurrence lines).</summary>
    public required Guid FinancialEventId { get; init; }
    public required DateTimeOffset OriginalStart { get; init; }
    public OccurrenceStatus Status { get; init; }
    public decimal? Amount { get; init; }
    /// <summary>Moved start; null when the occurrence is at its original start.</summary>
    public DateTimeOffset? StartAt { get; init; }
    /// <summary>Moved (exclusive) end; null keeps the series' duration from the occurrence's start.</summary>
    public DateTimeOffset? EndAt { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public SyncSource SyncSource { get; init; } = SyncSource.Aegis;
    /// <summary>Etag of the Google instance (exception) last written or read; null while Google has no exception.</summary>
    public string? GoogleEtag { get; init; }
    /// <summary>Content hash of the Google instance both sides agree on; null while never synced.</summary>
    public string? ContentHash { get; init; }
    /// <summary>The <see cref="UpdatedAt"/> of the version last synced (pushed to Google, or found there already); null
    /// while never synced. A wallet-sourced override with another <see cref="UpdatedAt"/> was written since: a version
    /// of its own for last-write-wins even when its content is back to the version last synced.</summary>
    public DateTimeOffset? SyncedVersionAt { get; init; }
}
