using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>Sizes of the outbound-backlog scenario. Full: 20 users x 200 events = 4,000 changes per trial, 3 rounds
/// (the measurement); quick: 5 x 40 = 200, for a smoke run. Every variant first drains untimed warm-up
/// backlogs, the first of <see cref="WarmupEventsPerUser"/> per user, until the server is warm (<see cref="BacklogWarmup"/>:
/// JIT tiering, connection pools, caches; with one warm-up of 5 per user the first measured round still ran at a third
/// of the later ones' rate and twice their server CPU per change).</summary>
public sealed record BacklogOptions(int Users, int EventsPerUser, int Rounds, int WarmupEventsPerUser, string BaselineCommit)
{
    /// <summary>Today's starting main (session 3), before issue 12's batch work.</summary>
    public const string DefaultBaselineCommit = "74f1e33";

    public int ChangesPerTrial => Users * EventsPerUser;

    public static BacklogOptions For(BenchProfile profile, string baselineCommit) => profile.Quick
        ? new BacklogOptions(Users: 5, EventsPerUser: 40, Rounds: 3, WarmupEventsPerUser: 20, baselineCommit)
        : new BacklogOptions(Users: 20, EventsPerUser: 200, Rounds: 3, WarmupEventsPerUser: 20, baselineCommit);
}
