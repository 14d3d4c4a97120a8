namespace Aegis.CalendarSync.Bench.Scenarios.Claims;

/// <summary>Which claim a <see cref="ClaimLatencyScenario"/> arm runs.</summary>
public enum ClaimStatement
{
    /// <summary><c>ISyncQueueStore.ClaimAsync</c> as built (the index-friendly claim of issue 12).</summary>
    Current,

    /// <summary>The claim statement before issue 12 (<see cref="SeedClaimSql"/>), run on the same schema.</summary>
    Seed,
}
