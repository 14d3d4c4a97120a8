namespace Aegis.CalendarSync.Model;

/// <summary>One audited sync operation. <see cref="ConflictDetails"/> is JSON holding both versions of a conflict.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public required Guid UserId { get; init; }
    /// <summary>e.g. sync_to_google, sync_from_google, incremental_sync, full_sync, conflict, channel_renewed, sync_failed.</summary>
    public required string Action { get; init; }
    /// <summary>success | skipped | failed | conflict.</summary>
    public required string Status { get; init; }
    public Guid? FinancialEventId { get; init; }
    public string? GoogleEventId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ConflictDetails { get; init; }
    public long? DurationMs { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
