namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>One user's dashboard over <see cref="Window"/> ([<see cref="From"/>, <see cref="To"/>)): outcomes per
/// bucket (every bucket present, oldest first, empty ones as zeros) and their totals, propagation time per direction,
/// and the sync state now.</summary>
public sealed record UserDashboard(
    DashboardWindow Window,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan BucketLength,
    IReadOnlyList<ActivityBucket> Buckets,
    PropagationFigures ToGoogle,
    PropagationFigures FromGoogle,
    SyncHealth Health)
{
    public long Successes => Buckets.Sum(b => b.Successes);
    public long Failures => Buckets.Sum(b => b.Failures);
    public long Conflicts => Buckets.Sum(b => b.Conflicts);
}
