using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

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

    // The recurrence editor. Lines it does not show (EXDATE, RDATE...) travel in OtherRecurrenceLines, verbatim.
    public RepeatFrequency Repeat { get; set; } = RepeatFrequency.None;
    public bool MonthlyOnLastDay { get; set; }
    public RepeatEnd Ends { get; set; } = RepeatEnd.Never;
    public DateOnly? Until { get; set; }
    public int? Count { get; set; }
    public string? CustomRule { get; set; }
    public string? OtherRecurrenceLines { get; set; }

    /// <summary>The recurrence lines the editor's fields stand for (null: the event does not repeat).</summary>
    public string? Recurrence()
    {
        var rule = Repeat == RepeatFrequency.Custom
            ? CustomRule?.Trim()
            : new SimpleRule(Repeat, MonthlyOnLastDay, Ends == RepeatEnd.OnDate ? Until : null, Ends == RepeatEnd.AfterCount ? Count : null)
                .ToLine(AllDay || EventType == EventType.Bill);
        if (Repeat == RepeatFrequency.None)
        {
            return null;
        }

        return RecurrenceLines.Join([.. rule is null ? Array.Empty<string>() : [rule], .. RecurrenceLines.Split(OtherRecurrenceLines)]);
    }

    public EventInput ToInput()
    {
        // An unknown zone is the time zone's error alone: the times are still sent (as UTC), so the validator does not
        // also report the start and end as missing.
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        DateTimeOffset? At(DateOnly date, TimeOnly time)
        {
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var start = At(Date, AllDay ? TimeOnly.MinValue : StartTime);
        var end = AllDay ? At(Date.AddDays(1), TimeOnly.MinValue) : At(Date, EndTime);
        return new EventInput(Title, Description, Amount, Currency?.Trim().ToUpperInvariant(),
            WireEnum.ToWire(EventType), WireEnum.ToWire(Status), start, end, AllDay, TimeZone, Recurrence(),
            string.IsNullOrWhiteSpace(Category) ? null : Category, string.IsNullOrWhiteSpace(Location) ? null : Location);
    }

    public static EventFormModel From(FinancialEvent e)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(e.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var start = TimeZoneInfo.ConvertTime(e.StartAt, zone);
        var end = TimeZoneInfo.ConvertTime(e.EndAt, zone);
        var lines = RecurrenceLines.Split(e.Recurrence);
        var ruleLine = lines.FirstOrDefault(l => l.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase));
        var rule = SimpleRule.Parse(ruleLine);
        return new EventFormModel
        {
            Repeat = lines.Count > 0 && ruleLine is null ? RepeatFrequency.Custom : rule.Frequency,
            MonthlyOnLastDay = rule.LastDayOfMonth,
            Ends = rule.Until is not null ? RepeatEnd.OnDate : rule.Count is not null ? RepeatEnd.AfterCount : RepeatEnd.Never,
            Until = rule.Until,
            Count = rule.Count,
            CustomRule = rule.Frequency == RepeatFrequency.Custom ? ruleLine : null,
            OtherRecurrenceLines = RecurrenceLines.Join(lines.Where(l => !ReferenceEquals(l, ruleLine))),
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

/// <summary>How a repeating event ends, in the recurrence editor.</summary>
public enum RepeatEnd { Never, OnDate, AfterCount }
