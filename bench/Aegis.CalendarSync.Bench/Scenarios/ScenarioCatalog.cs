using Aegis.CalendarSync.Bench.Scenarios.Claims;
using Aegis.CalendarSync.Bench.Scenarios.FullSync;
using Aegis.CalendarSync.Bench.Scenarios.Propagation;

namespace Aegis.CalendarSync.Bench.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new OutboundSqliteVsPostgresScenario(),
        OutboundSqliteVsPostgresScenario.PostgresConnectionTuning(),
        new NoopEditSkipScenario(),
        new EchoSuppressionScenario(),
        new QueueWorkersScenario(),
        new PropagationScenario(new GoogleToWalletPath()),
        new PropagationScenario(new WalletToGooglePath()),
        new FeedNotModifiedScenario(),
        .. ClaimLatencyScenario.All(),
        new WebhookLoadScenario(),
        new FullSyncScenario(fullEvents: 1_000, quickEvents: 1_000),
        new FullSyncScenario(fullEvents: 20_000, quickEvents: 2_000),
        new FullSyncScenario(fullEvents: 1_000, quickEvents: 1_000, changed: true),
    ];
}
