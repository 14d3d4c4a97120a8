namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>How much work a run does: sizes per scenario and repetitions per arm. Quick is for a smoke check (under a
/// minute); full gives stabler medians (under five minutes on a 2-core machine).</summary>
public sealed record BenchProfile(string Name, bool Quick, int Repetitions, int WarmupPairs)
{
    public static readonly BenchProfile Full = new("full", Quick: false, Repetitions: 7, WarmupPairs: 1);
    public static readonly BenchProfile QuickCheck = new("quick", Quick: true, Repetitions: 3, WarmupPairs: 1);

    /// <summary>Items per trial for a scenario.</summary>
    public int Size(int full, int quick) => Quick ? quick : full;
}
