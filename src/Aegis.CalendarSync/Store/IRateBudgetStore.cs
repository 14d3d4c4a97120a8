namespace Aegis.CalendarSync.Store;

/// <summary>One Google account's request budget shared by every node (the generic cell rate algorithm): a single
/// timestamp per user, the theoretical arrival time (TAT) of the next request.</summary>
public interface IRateBudgetStore
{
    /// <summary>Reserves <paramref name="cost"/> requests in one statement: TAT becomes max(TAT, now) + cost x
    /// <paramref name="interval"/>; returns the new TAT. Reservations by concurrent nodes are serialised by the row,
    /// so no two nodes get the same slot.</summary>
    Task<DateTimeOffset> ReserveAsync(Guid userId, int cost, TimeSpan interval, CancellationToken ct);
}
