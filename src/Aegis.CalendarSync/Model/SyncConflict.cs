namespace Aegis.CalendarSync.Model;

/// <summary>A conflict kept for the user to resolve (strategy 'manual'). Versions are JSON snapshots.</summary>
public sealed record SyncConflict
{
    public long Id { get; init; }
    public required Guid UserId { get; init; }
    public required Guid FinancialEventId { get; init; }
    public required string GoogleEventId { get; init; }
    public required string LocalVersion { get; init; }
    public required string GoogleVersion { get; init; }
    /// <summary>open | resolved_local | resolved_google.</summary>
    public string Status { get; init; } = "open";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}
