using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Wallet events as the app would save them: one-hour bills on distinct days, so no two map to the same
/// Google event content.</summary>
public static class WalletEvents
{
    public static FinancialEvent New(Guid userId, int index) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        Title = $"Bill {index}",
        Description = "Benchmark event",
        Amount = 10m + index,
        Currency = "EUR",
        EventType = EventType.Bill,
        Status = EventStatus.Pending,
        StartAt = Start(index),
        EndAt = Start(index).AddHours(1),
        TimeZone = "Europe/Lisbon",
        SyncSource = SyncSource.Aegis,
    };

    /// <summary>Inside the full-sync window (starts tomorrow), one day apart.</summary>
    private static DateTimeOffset Start(int index) =>
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(1 + index % 300).AddHours(9).AddMinutes(index / 300);
}
