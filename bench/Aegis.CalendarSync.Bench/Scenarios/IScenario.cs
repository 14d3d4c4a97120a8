using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>A side-by-side comparison of two arms doing the same amount of work.</summary>
public interface IScenario
{
    /// <summary>Name used by --scenario and in the JSON summary.</summary>
    string Name { get; }

    /// <summary>What one item is and what the arms differ in.</summary>
    string Description { get; }

    string ArmA { get; }

    string ArmB { get; }

    /// <summary>Counters every trial reports in <see cref="Trial.Totals"/>, reported per item.</summary>
    IReadOnlyList<string> Counters { get; }

    /// <summary>Set-up shared by all trials (databases, emulators, connected users); not timed.</summary>
    Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct);
}

/// <summary>The live resources of one scenario run; each call is one trial of one arm.</summary>
public interface IScenarioSession : IAsyncDisposable
{
    Task<Trial> RunAsync(Arm arm, CancellationToken ct);
}
