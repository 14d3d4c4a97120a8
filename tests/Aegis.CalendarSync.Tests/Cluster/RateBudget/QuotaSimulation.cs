using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.RateBudget;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

/// <summary>Drives a rate budget store the way <see cref="Aegis.CalendarSync.Google.Http.GoogleQuotaLimiter"/> does, as
/// a discrete-event simulation on a fake clock: each request asks at its arrival; one its user's budget sends back asks
/// again after the wait it was given; a reserved one is released after its wait. Returns every release.</summary>
internal static class QuotaSimulation
{
    public sealed record Arrival(int User, int Cost, TimeSpan At);

    public sealed record Release(int User, int Calls, TimeSpan At);

    public static async Task<List<Release>> RunAsync(IRateBudgetStore store, FakeTimeProvider time, IReadOnlyList<Guid> users, string project,
        GoogleQuota quota, IReadOnlyList<Arrival> arrivals)
    {
        var origin = time.GetUtcNow();
        var pending = new PriorityQueue<Arrival, (TimeSpan At, int Sequence)>();
        var sequence = 0;
        foreach (var arrival in arrivals) pending.Enqueue(arrival, (arrival.At, sequence++));
        var released = new List<Release>();
        while (pending.TryDequeue(out var request, out var key))
        {
            if (origin + key.At > time.GetUtcNow()) time.SetUtcNow(origin + key.At);
            var reservation = await store.ReserveAsync(
                new RateBudgetRequest(users[request.User], project, request.Cost, quota.UserInterval, quota.ProjectInterval, quota.Burst, TimeSpan.FromDays(1)),
                CancellationToken.None);
            switch (reservation.Outcome)
            {
                case RateBudgetOutcome.Reserved:
                    released.Add(new Release(request.User, request.Cost, key.At + reservation.Wait));
                    break;
                case RateBudgetOutcome.UserBusy:
                    Assert.True(reservation.Wait > TimeSpan.Zero, "a busy user is told to wait");
                    pending.Enqueue(request, (key.At + reservation.Wait, sequence++));
                    break;
                default:
                    Assert.Fail($"refused a request within a day's wait: {reservation}");
                    break;
            }
        }

        return released;
    }

    /// <summary>The first window breaking the guarantee, or null: per user and for all users together, every sliding
    /// 60 s window [t, t + 60 s) holds at most the quota, and every closed window [t_i, t_j] between two releases at
    /// most burst + ⌊(t_j − t_i) / T⌋ calls.</summary>
    public static string? FirstViolation(IReadOnlyList<Release> released, GoogleQuota quota, int users)
    {
        for (var user = 0; user < users; user++)
        {
            var own = released.Where(r => r.User == user).ToList();
            if (Check(own, quota.UserCallsPerMinute, quota.MaxUserCallsIn) is { } violation) return $"user {user}: {violation}";
        }

        return Check(released, quota.ProjectCallsPerMinute, quota.MaxProjectCallsIn) is { } project ? $"project: {project}" : null;
    }

    private static string? Check(IReadOnlyList<Release> releases, int perMinute, Func<TimeSpan, long> bound)
    {
        var sorted = releases.OrderBy(r => r.At).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var minute = sorted.Skip(i).TakeWhile(r => r.At < sorted[i].At + GoogleQuota.Window).Sum(r => r.Calls);
            if (minute > perMinute) return $"{minute} calls in the minute from {sorted[i].At}, quota {perMinute}";
            var calls = 0L;
            for (var j = i; j < sorted.Count; j++)
            {
                calls += sorted[j].Calls;
                var allowed = bound(sorted[j].At - sorted[i].At);
                if (calls > allowed) return $"{calls} calls in [{sorted[i].At}, {sorted[j].At}], bound {allowed}";
            }
        }

        return null;
    }
}
