namespace Aegis.CalendarSync.Model;

/// <summary>One audited sync operation. <see cref="ConflictDetails"/> is JSON holding both versions of a conflict.
/// <see cref="EventTitle"/> is the event's title as it was when the row was written (before the change for a change
/// from Google), <see cref="Details"/> says in words what the operation did (counts, a rename), the error fields are
/// for failures and skip reasons only, and <see cref="PropagationMs"/> is the time from the change on one side to
/// the other side's acknowledgement.</summary>
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
    public string? EventTitle { get; init; }
    public string? Details { get; init; }
    public long? PropagationMs { get; init; }
    public long? DurationMs { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A row for <paramref name="userId"/>; add event ids and error details with <c>with</c>.</summary>
    public static AuditEntry Of(Guid userId, AuditAction action, AuditOutcome outcome) =>
        new() { UserId = userId, Action = action, Status = outcome };
}
