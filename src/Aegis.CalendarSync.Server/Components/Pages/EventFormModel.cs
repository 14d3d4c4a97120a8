using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Components.Pages;

/// <summary>The event form's fields in the user's terms (a date, local times, a time zone). It converts to the
/// application layer's <see cref="EventInput"/>, so the UI and the API share one validator and one command.</summary>
public sealed class EventFormModel
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public decimal? Amount { get; set; }
    public string Currency { get; set; } = "EUR";
    public EventType EventType { get; set; } = EventType.Bill;
    public EventStatus Status { get; set; } = EventStatus.Pending;
    public DateOnly Date { get; set; } = DateOnly.FromDateTime(DateTime.Today);
    public TimeOnly StartTime { get; set; } = new(9, 0);
    public TimeOnly EndTime { get; set; } = new(10, 0);
    public bool AllDay { get; set; } = true;
    public string TimeZone { get; set; } = "UTC";
    public string? Category { get; set; }
    public string? Location { get; set; }

    public EventInput ToInput()
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var found) ? found : null;
        DateTimeOffset? At(DateOnly date, TimeOnly time)
        {
            if (zone is null) return null;
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var start = At(Date, AllDay ? TimeOnly.MinValue : StartTime);
        var end = AllDay ? At(Date.AddDays(1), TimeOnly.MinValue) : At(Date, EndTime);
        return new EventInput(Title, Description, Amount, Currency?.Trim().ToUpperInvariant(),
            WireEnum.ToWire(EventType), WireEnum.ToWire(Status), start, end, AllDay, TimeZone, null,
            string.IsNullOrWhiteSpace(Category) ? null : Category, string.IsNullOrWhiteSpace(Location) ? null : Location);
    }

    public static EventFormModel From(FinancialEvent e)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(e.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var start = TimeZoneInfo.ConvertTime(e.StartAt, zone);
        var end = TimeZoneInfo.ConvertTime(e.EndAt, zone);
        return new EventFormModel
        {
            Title = e.Title,
            Description = e.Description,
            Amount = e.Amount,
            Currency = e.Currency,
            EventType = e.EventType,
            Status = e.Status,
            Date = DateOnly.FromDateTime(start.DateTime),
            StartTime = TimeOnly.FromDateTime(start.DateTime),
            EndTime = TimeOnly.FromDateTime(end.DateTime),
            AllDay = e.AllDay,
            TimeZone = e.TimeZone,
            Category = e.Category,
            Location = e.Location,
        };
    }
}
