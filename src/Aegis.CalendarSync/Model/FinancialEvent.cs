namespace Aegis.CalendarSync.Model;

/// <summary>A wallet event (bill due, income, transfer...). Soft-deleted via <see cref="DeletedAt"/>.
/// All-day events: the due date is <c>StartAt</c>'s calendar date in <see cref="TimeZone"/>; <c>EndAt</c> is exclusive.</summary>
public sealed record FinancialEvent
{
    public required Guid Id { get; init; }
    public required Guid UserId { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    /// <summary>Major units (e.g. 12.34 EUR), numeric(19,4) in PostgreSQL, TEXT (invariant) in SQLite.</summary>
    public decimal Amount { get; init; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; init; }
    public EventType EventType { get; init; }
    public EventStatus Status { get; init; }
    public required DateTimeOffset StartAt { get; init; }
    public required DateTimeOffset EndAt { get; init; }
    public bool AllDay { get; init; }
    /// <summary>IANA time zone id, e.g. "Europe/Lisbon".</summary>
    public string TimeZone { get; init; } = "UTC";
    /// <summary>Optional RFC 5545 RRULE line, e.g. "RRULE:FREQ=MONTHLY;BYMONTHDAY=1".</summary>
    public string? Recurrence { get; init; }
    public string? Category { get; init; }
    public string? Location { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public SyncSource SyncSource { get; init; } = SyncSource.Aegis;
}
