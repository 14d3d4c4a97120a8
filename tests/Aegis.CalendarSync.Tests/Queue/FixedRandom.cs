namespace Aegis.CalendarSync.Tests.Queue;

/// <summary>Deterministic jitter for backoff assertions.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
