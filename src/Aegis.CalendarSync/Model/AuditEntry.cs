namespace Aegis.CalendarSync.Model;

/// <summary>One audited sync operation. <see cref="ConflictDetails"/> is JSON holding both versions of a conflict.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public required Guid UserId { get; init; }
    public required AuditAction Action { get; init; }
    public required AuditOutcome Status { get; init; }
    public Guid? FinancialEventId { get; init; }
    public string? GoogleEventId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ConflictDetails { get; init; }
    public long? DurationMs { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A row for <paramref name="userId"/>; add event ids and error details with <c>with</c>.</summary>
    public static AuditEntry Of(Guid userId, AuditAction action, AuditOutcome outcome) =>
        new() { UserId = userId, Action = action, Status = outcome };
}
