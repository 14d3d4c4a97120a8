namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>Sync outcomes in one bucket of the dashboard's window, from <see cref="Start"/> (inclusive) for the
/// window's bucket length.</summary>
public sealed record ActivityBucket(DateTimeOffset Start, long Successes, long Failures, long Conflicts)
{
    public long Total => Successes + Failures + Conflicts;
}
