namespace Aegis.CalendarSync.Store.RateBudget;

/// <summary>One HTTP request to Google asking for its calls' budget: <paramref name="Cost"/> calls (a batch carries
/// several) against the user's budget and the project's, paced at one call per interval with a burst of
/// <paramref name="Burst"/> calls on each (<see cref="Google.GoogleQuota"/>). Intervals are whole microseconds.</summary>
/// <param name="MaxWait">A request that would wait longer for either budget is refused and reserves nothing.</param>
public sealed record RateBudgetRequest(
    Guid UserId,
    string Project,
    int Cost,
    TimeSpan UserInterval,
    TimeSpan ProjectInterval,
    int Burst,
    TimeSpan MaxWait)
{
    internal long CostMicrosUser => Cost * Micros(UserInterval);

    internal long CostMicrosProject => Cost * Micros(ProjectInterval);

    internal long ToleranceMicrosUser => Burst * Micros(UserInterval);

    internal long ToleranceMicrosProject => Burst * Micros(ProjectInterval);

    internal long MaxWaitMicros => Micros(MaxWait);

    internal static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Rejects a request no budget could ever admit: more calls than the burst, or intervals below 1 µs.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Cost, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Cost, Burst);
        ArgumentOutOfRangeException.ThrowIfLessThan(Micros(UserInterval), 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Micros(ProjectInterval), 1);
        ArgumentException.ThrowIfNullOrEmpty(Project);
    }
}
