using Aegis.CalendarSync.Bench.Scenarios.Claims;
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
    ];
}
