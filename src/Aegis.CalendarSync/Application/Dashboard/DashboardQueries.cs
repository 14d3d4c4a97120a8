using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>The per-user dashboard, read from the store (so it is the same after a restart and on every node):
/// the store answers hourly counts, propagation samples and the current state; this class lays them out in the
/// window's buckets and computes the percentiles.</summary>
public sealed class DashboardQueries(IDashboardReader reader, TimeProvider time)
{
    public async Task<UserDashboard> ReadAsync(Guid userId, DashboardWindow window, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (from, bucket, count) = Layout(window, now);
        var hours = await reader.ReadHourlyOutcomesAsync(userId, from, ct).ConfigureAwait(false);
        var samples = await reader.ReadPropagationAsync(userId, from, ct).ConfigureAwait(false);
        var health = await reader.ReadSyncHealthAsync(userId, ct).ConfigureAwait(false);

        var buckets = Enumerable.Range(0, count).Select(i => new ActivityBucket(from + bucket * i, 0, 0, 0)).ToArray();
        foreach (var hour in hours)
        {
            var index = (int)((hour.Hour - from).Ticks / bucket.Ticks);
            if (index < 0 || index >= count) continue;
            var b = buckets[index];
            buckets[index] = b with { Successes = b.Successes + hour.Successes, Failures = b.Failures + hour.Failures, Conflicts = b.Conflicts + hour.Conflicts };
        }

        return new UserDashboard(window, from, from + bucket * count, bucket, buckets,
            PropagationFigures.From(samples.Where(s => s.Direction == SyncDirection.ToGoogle).Select(s => s.Milliseconds)),
            PropagationFigures.From(samples.Where(s => s.Direction == SyncDirection.FromGoogle).Select(s => s.Milliseconds)),
            health);
    }

    /// <summary>Day: the 24 hours up to and including the current one. Week and Month: 7 or 30 UTC days up to and
    /// including today.</summary>
    private static (DateTimeOffset From, TimeSpan Bucket, int Count) Layout(DashboardWindow window, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return window switch
        {
            DashboardWindow.Day => (hour.AddHours(-23), TimeSpan.FromHours(1), 24),
            DashboardWindow.Week => (day.AddDays(-6), TimeSpan.FromDays(1), 7),
            DashboardWindow.Month => (day.AddDays(-29), TimeSpan.FromDays(1), 30),
            _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
        };
    }
}
