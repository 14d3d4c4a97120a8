using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Tests.Mapping;

internal static class MappingFixtures
{
    public static readonly DateTimeOffset Now = new(2025, 2, 15, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid UserId = Guid.Parse("a1a1a1a1-0000-4000-8000-000000000001");
    public static readonly GoogleImportDefaults Defaults = new(UserId, "EUR", "Europe/Lisbon");

    public static FinancialEventMapper Mapper() => new(new TestClock(Now));

    public static FinancialEvent RentBill() => new()
    {
        Id = Guid.Parse("0b0b0b0b-1111-4222-8333-444444444444"),
        UserId = UserId,
        Title = "Rent",
        Description = "Flat 3B, transfer to landlord",
        Amount = 1200m,
        Currency = "EUR",
        EventType = EventType.Bill,
        Status = EventStatus.Pending,
        StartAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        EndAt = new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero),
        AllDay = true,
        TimeZone = "Europe/Lisbon",
        Recurrence = "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
        Category = "housing",
        CreatedAt = Now.AddDays(-10),
        UpdatedAt = Now.AddDays(-1),
    };

    /// <summary>A timed event in Berlin that starts before and ends after the 2025-03-30 switch to summer time.</summary>
    public static FinancialEvent BerlinTransferAcrossDst() => new()
    {
        Id = Guid.Parse("0c0c0c0c-1111-4222-8333-444444444444"),
        UserId = UserId,
        Title = "Savings transfer",
        Amount = 250.5m,
        Currency = "EUR",
        EventType = EventType.Transfer,
        StartAt = new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.FromHours(1)),
        EndAt = new DateTimeOffset(2025, 3, 30, 3, 30, 0, TimeSpan.FromHours(2)),
        TimeZone = "Europe/Berlin",
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}
