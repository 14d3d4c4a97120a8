using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>A year (2026) of wallet series and single events for feed tests: DST changes in Europe, North America and
/// the southern hemisphere, all-day bills in zones ahead of and behind UTC, and overrides (a skipped, a moved and a
/// paid occurrence) on the weekly Berlin series.</summary>
public static class FeedSamples
{
    public static readonly DateOnly From = new(2026, 1, 1);
    public static readonly DateOnly To = new(2027, 1, 1);
    public static readonly Guid UserId = Guid.Parse("7d3c1a52-1111-4c1e-9a55-000000000001");
    public static readonly DateTimeOffset Changed = new(2025, 12, 20, 8, 30, 15, TimeSpan.Zero);

    /// <summary>Weekly on Monday 09:00 Europe/Berlin: CET until 29 March, CEST until 25 October, CET again.</summary>
    public static readonly FinancialEvent BerlinWeekly = Timed("00000000-0000-0000-0000-00000000b001", "Gym membership",
        EventType.Expense, "Europe/Berlin", new DateTime(2026, 1, 5, 9, 0, 0), TimeSpan.FromMinutes(30), "RRULE:FREQ=WEEKLY;BYDAY=MO", 29.9m);

    /// <summary>Rent, all-day on the last day of every month, New York.</summary>
    public static readonly FinancialEvent NewYorkRent = AllDay("00000000-0000-0000-0000-00000000b002", "Rent", EventType.Bill,
        "America/New_York", new DateOnly(2026, 1, 31), "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1", 2100m);

    /// <summary>Salary every other Friday 17:00 New York (DST 8 March and 1 November), 20 times.</summary>
    public static readonly FinancialEvent NewYorkSalary = Timed("00000000-0000-0000-0000-00000000b003", "Salary", EventType.Income,
        "America/New_York", new DateTime(2026, 1, 2, 17, 0, 0), TimeSpan.FromHours(1), "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=20", 3200m);

    /// <summary>First Monday of each month 08:15 Sydney (DST ends 5 April, starts 4 October), until 1 December.</summary>
    public static readonly FinancialEvent SydneyTransfer = Timed("00000000-0000-0000-0000-00000000b004", "Savings transfer",
        EventType.Transfer, "Australia/Sydney", new DateTime(2026, 1, 5, 8, 15, 0), TimeSpan.FromMinutes(15),
        "RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20261201T000000Z", 500m);

    /// <summary>All-day, Tokyo (UTC+9: the due date is a day ahead of the UTC date of its start instant).</summary>
    public static readonly FinancialEvent TokyoBill = AllDay("00000000-0000-0000-0000-00000000b005", "Phone bill", EventType.Bill,
        "Asia/Tokyo", new DateOnly(2026, 6, 15), null, 48.2m) with { Status = EventStatus.Paid, Category = "Utilities" };

    public static readonly FinancialEvent UtcReminder = Timed("00000000-0000-0000-0000-00000000b006", "Tax return", EventType.Reminder,
        "UTC", new DateTime(2026, 7, 31, 12, 0, 0), TimeSpan.FromMinutes(45), null, 0m);

    /// <summary>Yearly all-day, Lisbon.</summary>
    public static readonly FinancialEvent LisbonInsurance = AllDay("00000000-0000-0000-0000-00000000b007", "Car insurance", EventType.Bill,
        "Europe/Lisbon", new DateOnly(2024, 3, 29), "RRULE:FREQ=YEARLY", 380.55m);

    public static readonly TimeZoneInfo Berlin = ZonedDates.Find("Europe/Berlin")!;

    /// <summary>On the Berlin series: 30 March (first Monday of summer time) skipped, 26 October (first of winter
    /// time) moved to Tuesday 27 October 11:00, 1 June paid with a different amount.</summary>
    public static readonly IReadOnlyList<FeedOccurrenceOverride> BerlinOverrides =
    [
        new() { OriginalStart = BerlinAt(2026, 3, 30, 9), Skipped = true, Revision = 1, UpdatedAt = Changed },
        new() { OriginalStart = BerlinAt(2026, 6, 1, 9), Status = EventStatus.Paid, Amount = 31.5m, Revision = 2, UpdatedAt = Changed },
        new()
        {
            OriginalStart = BerlinAt(2026, 10, 26, 9), Start = BerlinAt(2026, 10, 27, 11), End = BerlinAt(2026, 10, 27, 11).AddMinutes(30),
            Title = "Gym membership (moved)", Revision = 1, UpdatedAt = Changed.AddDays(1),
        },
    ];

    public static IReadOnlyList<FeedEvent> All() =>
    [
        new(LisbonInsurance, 0),
        new(BerlinWeekly, 4, BerlinOverrides),
        new(NewYorkRent, 2),
        new(NewYorkSalary, 0),
        new(SydneyTransfer, 1),
        new(TokyoBill, 7),
        new(UtcReminder, 0),
    ];

    public static DateTimeOffset BerlinAt(int year, int month, int day, int hour) =>
        ZonedDates.StartOfDay(new DateOnly(year, month, day), Berlin).AddHours(hour);

    private static FinancialEvent Timed(string id, string title, EventType type, string zoneId, DateTime local, TimeSpan length,
        string? rule, decimal amount)
    {
        var zone = ZonedDates.Find(zoneId)!;
        var start = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return Event(id, title, type, zoneId, start, start + length, false, rule, amount);
    }

    private static FinancialEvent AllDay(string id, string title, EventType type, string zoneId, DateOnly date, string? rule, decimal amount)
    {
        var zone = ZonedDates.Find(zoneId)!;
        return Event(id, title, type, zoneId, ZonedDates.StartOfDay(date, zone), ZonedDates.StartOfDay(date.AddDays(1), zone), true, rule, amount);
    }

    private static FinancialEvent Event(string id, string title, EventType type, string zoneId, DateTimeOffset start, DateTimeOffset end,
        bool allDay, string? rule, decimal amount) => new()
    {
        Id = Guid.Parse(id),
        UserId = UserId,
        Title = title,
        Description = $"{title}; paid from the joint account.",
        Amount = amount,
        Currency = type == EventType.Income ? "USD" : "EUR",
        EventType = type,
        Status = EventStatus.Pending,
        StartAt = start,
        EndAt = end,
        AllDay = allDay,
        TimeZone = zoneId,
        Recurrence = rule,
        CreatedAt = Changed.AddDays(-30),
        UpdatedAt = Changed,
    };
}
