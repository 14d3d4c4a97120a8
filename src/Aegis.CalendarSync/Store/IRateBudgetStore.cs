using Aegis.CalendarSync.Store.RateBudget;

namespace Aegis.CalendarSync.Store;

/// <summary>Google's quotas as two GCRA budgets, one per user and one per project (the OAuth client), each a single
/// timestamp: the theoretical arrival time (TAT) of its next call. In the database every node reserves from the same
/// rows (<see cref="Sql.SqlRateBudgetStore"/>); in process, one node's memory (<see cref="InProcessRateBudgetStore"/>).</summary>
public interface IRateBudgetStore
{
    /// <summary>Reserves <see cref="RateBudgetRequest.Cost"/> calls on the user's and the project's budgets together,
    /// atomically (<see cref="RateBudgetGcra"/>): reservations by concurrent callers (nodes) are serialised, so no two
    /// get the same slot. Reserves nothing unless the outcome is <see cref="RateBudgetOutcome.Reserved"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The request carries more calls than the burst (never admissible).</exception>
    Task<RateReservation> ReserveAsync(RateBudgetRequest request, CancellationToken ct);
}
