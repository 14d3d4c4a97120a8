namespace Aegis.CalendarSync.Bench.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new OutboundSqliteVsPostgresScenario(),
        new NoopEditSkipScenario(),
        new EchoSuppressionScenario(),
        new QueueWorkersScenario(),
    ];
}
