using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Bench.Scenarios;

namespace Aegis.CalendarSync.Bench.Reporting;

public sealed record ScenarioResult(
    string Name,
    string Description,
    int ItemsPerTrial,
    int Repetitions,
    ArmSummary A,
    ArmSummary B,
    RatioSummary Ratio)
{
    public static ScenarioResult From(IScenario scenario, IReadOnlyList<Trial> a, IReadOnlyList<Trial> b)
    {
        var armA = ArmSummary.From(scenario.ArmA, a, scenario.Counters);
        var armB = ArmSummary.From(scenario.ArmB, b, scenario.Counters);
        return new ScenarioResult(scenario.Name, scenario.Description, a[0].Items, a.Count, armA, armB, RatioSummary.From(armA, armB, a, b));
    }
}
