using System.Globalization;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Quotas raised far above what one process on this machine can reach, so the benchmarks measure the
/// engine, the store and HTTP instead of the quotas (Google's real ones: 600 requests per user and 10,000 per project
/// per sliding minute).
/// Every trial also counts 403/429 answers from the emulator and fails if any occurred.</summary>
public static class BenchRateLimits
{
    /// <summary>The emulator's quota expressed per second, as the bench summary reports it.</summary>
    public const int EmulatorPerSecond = 1_000_000;

    /// <summary>EmulatorOptions.RequestsPerUserPerMinute and RequestsPerProjectPerMinute (sliding windows).</summary>
    public const int EmulatorPerMinute = EmulatorPerSecond * 60;

    /// <summary>Google:RequestsPerSecond of the engine's client; 1000 is the validator's maximum.</summary>
    public const int ClientPerSecond = 1000;

    /// <summary>The engine configuration that applies <see cref="ClientPerSecond"/>.</summary>
    public static Dictionary<string, string?> ClientSettings() => new()
    {
        ["Google:RequestsPerSecond"] = ClientPerSecond.ToString(CultureInfo.InvariantCulture),
    };
}
