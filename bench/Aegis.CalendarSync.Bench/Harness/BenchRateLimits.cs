using System.Globalization;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Quotas raised far above what one process on this machine can reach, so the benchmarks measure the
/// engine, the store and HTTP instead of the token buckets (Google's real per-user quota is 10 requests/s).
/// Every trial also counts 403/429 answers from the emulator and fails if any occurred.</summary>
public static class BenchRateLimits
{
    /// <summary>EmulatorOptions.RateLimitPerSecond (per account, token bucket capacity = refill).</summary>
    public const int EmulatorPerSecond = 1_000_000;

    /// <summary>Google:RequestsPerSecond of the engine's client; 1000 is the validator's maximum.</summary>
    public const int ClientPerSecond = 1000;

    /// <summary>The engine configuration that applies <see cref="ClientPerSecond"/>.</summary>
    public static Dictionary<string, string?> ClientSettings() => new()
    {
        ["Google:RequestsPerSecond"] = ClientPerSecond.ToString(CultureInfo.InvariantCulture),
    };
}
