using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>Validates an <see cref="EventInput"/> and builds the domain event. The limits match the columns:
/// amount numeric(19,4) holds up to 10^15, the API caps it at 10^13 so sums of many events cannot overflow.</summary>
internal static class EventInputValidator
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 8000;
    public const int MaxShortTextLength = 200;
    public const int MaxRecurrenceLength = RecurrenceLines.MaxLength;
    public static readonly decimal MaxAmount = 10_000_000_000_000m;

    public static Dictionary<string, string[]> Validate(EventInput r)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(r.Title)) Add("title", "title is required.");
        else if (r.Title.Length > MaxTitleLength) Add("title", $"title must be at most {MaxTitleLength} characters.");
        if (r.Description?.Length > MaxDescriptionLength) Add("description", $"description must be at most {MaxDescriptionLength} characters.");
        if (r.Category?.Length > MaxShortTextLength) Add("category", $"category must be at most {MaxShortTextLength} characters.");
        if (r.Location?.Length > MaxShortTextLength) Add("location", $"location must be at most {MaxShortTextLength} characters.");

        if (r.Amount is not { } amount) Add("amount", "amount is required.");
        else if (amount < 0 || amount > MaxAmount) Add("amount", "amount must be between 0 and 10000000000000.");
        else if (decimal.Round(amount, 4) != amount) Add("amount", "amount must have at most 4 decimal places.");

        if (!CurrencyCodes.IsValid(r.Currency)) Add("currency", "currency must be an upper-case ISO 4217 code, e.g. EUR.");
        if (r.EventType is not null && !WireEnum.TryParse<EventType>(r.EventType, out _))
            Add("event_type", $"event_type must be one of {WireEnum.Names<EventType>()}.");
        if (r.Status is not null && !WireEnum.TryParse<EventStatus>(r.Status, out _))
            Add("status", $"status must be one of {WireEnum.Names<EventStatus>()}.");

        if (r.StartAt is null) Add("start_at", "start_at is required.");
        if (r.EndAt is null) Add("end_at", "end_at is required.");
        if (r.StartAt is { } start && r.EndAt is { } end && end <= start) Add("end_at", "end_at must be after start_at.");

        if (r.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
            Add("time_zone", "time_zone must be an IANA time zone id, e.g. Europe/Lisbon.");
        if (RecurrenceLines.Validate(r.Recurrence) is { } recurrenceError) Add("recurrence", recurrenceError);

        return errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>Builds the event from a request that passed <see cref="Validate"/>.</summary>
    public static FinancialEvent ToEvent(EventInput r, Guid id, Guid userId, DateTimeOffset createdAt, DateTimeOffset now) => new()
    {
        Id = id,
        UserId = userId,
        Title = r.Title!.Trim(),
        Description = r.Description,
        Amount = r.Amount!.Value,
        Currency = r.Currency!,
        EventType = r.EventType is null ? EventType.Bill : WireEnum.Parse<EventType>(r.EventType),
        Status = r.Status is null ? EventStatus.Pending : WireEnum.Parse<EventStatus>(r.Status),
        StartAt = r.StartAt!.Value,
        EndAt = r.EndAt!.Value,
        AllDay = r.AllDay ?? false,
        TimeZone = r.TimeZone ?? "UTC",
        Recurrence = RecurrenceLines.Join(RecurrenceLines.Split(r.Recurrence)),
        Category = r.Category,
        Location = r.Location,
        CreatedAt = createdAt,
        UpdatedAt = now,
        SyncSource = SyncSource.Aegis,
    };
}
