using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Events;

public sealed record EventResponse(
    Guid Id,
    string Title,
    string? Description,
    decimal Amount,
    string Currency,
    EventType EventType,
    EventStatus Status,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    bool AllDay,
    string TimeZone,
    string? Recurrence,
    string? Category,
    string? Location,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    SyncSource SyncSource)
{
    /// <summary>The next occurrence still ahead of a recurring event (lists only); null otherwise.</summary>
    public OccurrenceResponse? NextOccurrence { get; init; }

    public static EventResponse From(FinancialEvent e) => new(e.Id, e.Title, e.Description, e.Amount, e.Currency,
        e.EventType, e.Status, e.StartAt, e.EndAt, e.AllDay, e.TimeZone, e.Recurrence, e.Category, e.Location,
        e.CreatedAt, e.UpdatedAt, e.DeletedAt, e.SyncSource);
}
