using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>Validates an <see cref="EventInput"/> and builds the domain event. Errors are keyed by the API's field
/// names and worded for people (the form shows them next to its fields, the API in its problem details). The limits
/// match the columns: amount numeric(19,4) holds up to 10^15, the API caps it at 10^13 so sums of many events cannot
/// overflow; an amount has at most the currency's ISO 4217 minor units (<see cref="CurrencyMinorUnits"/>).</summary>
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

        if (string.IsNullOrWhiteSpace(r.Title)) Add("title", "Enter a title.");
        else if (r.Title.Length > MaxTitleLength) Add("title", $"The title can be at most {MaxTitleLength} characters long.");
        if (r.Description?.Length > MaxDescriptionLength) Add("description", $"The description can be at most {MaxDescriptionLength} characters long.");
        if (r.Category?.Length > MaxShortTextLength) Add("category", $"The category can be at most {MaxShortTextLength} characters long.");
        if (r.Location?.Length > MaxShortTextLength) Add("location", $"The location can be at most {MaxShortTextLength} characters long.");

        var currencyKnown = CurrencyCodes.IsValid(r.Currency);
        if (r.Amount is not { } amount) Add("amount", "Enter an amount.");
        else if (amount < 0 || amount > MaxAmount) Add("amount", "The amount must be between 0 and 10,000,000,000,000.");
        else if (currencyKnown && !CurrencyMinorUnits.Fits(amount, r.Currency)) Add("amount", CurrencyMinorUnits.Describe(r.Currency!));
        else if (decimal.Round(amount, 4) != amount) Add("amount", "The amount can have at most 4 decimal places.");

        if (!currencyKnown) Add("currency", "The currency must be an upper-case ISO 4217 code, e.g. EUR.");
        if (r.EventType is not null && !WireEnum.TryParse<EventType>(r.EventType, out _))
            Add("event_type", $"The type must be one of {WireEnum.Names<EventType>()}.");
        if (r.Status is not null && !WireEnum.TryParse<EventStatus>(r.Status, out _))
            Add("status", $"The status must be one of {WireEnum.Names<EventStatus>()}.");

        if (r.StartAt is null) Add("start_at", "Enter when it starts.");
        if (r.EndAt is null) Add("end_at", "Enter when it ends.");
        if (r.StartAt is { } start && r.EndAt is { } end && end <= start) Add("end_at", "The end must be after the start.");

        if (r.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
            Add("time_zone", "Choose a time zone from the list (an IANA name such as Europe/Lisbon).");
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
