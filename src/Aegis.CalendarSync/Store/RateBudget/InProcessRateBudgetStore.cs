using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.RateBudget;

/// <summary>The budgets of one process (SQLite: one node by construction), on <see cref="TimeProvider"/>: the same
/// rule as the database (<see cref="RateBudgetGcra"/>) under one lock, no statement per Google request.</summary>
internal sealed class InProcessRateBudgetStore(TimeProvider time) : IRateBudgetStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, long> _users = [];
    private readonly Dictionary<string, long> _projects = new(StringComparer.Ordinal);

    public Task<RateReservation> ReserveAsync(RateBudgetRequest request, CancellationToken ct)
    {
        request.Validate();
        ct.ThrowIfCancellationRequested();
        var now = RateBudgetRequest.Micros(SqlDialect.Normalize(time.GetUtcNow()) - DateTimeOffset.UnixEpoch);
        lock (_gate)
        {
            var decision = RateBudgetGcra.Decide(_users.GetValueOrDefault(request.UserId), _projects.GetValueOrDefault(request.Project), now, request);
            _users[request.UserId] = decision.UserTat;
            _projects[request.Project] = decision.ProjectTat;
            return Task.FromResult(decision.Reservation);
        }
    }
}
