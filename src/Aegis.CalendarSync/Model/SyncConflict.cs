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
    public ConflictStatus Status { get; init; } = ConflictStatus.Open;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}
