using System.Globalization;
using Aegis.CalendarSync.Google;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Quotas raised far above what one process on this machine can reach (~900 calls/s in outbound-backlog), so
/// the benchmarks measure the engine, the store and HTTP instead of the quotas (Google's real ones: 600 requests per
/// user and 10,000 per project per sliding minute, which the client's defaults keep to).
/// Every trial also counts 403/429 answers from the emulator and fails if any occurred.</summary>
public static class BenchRateLimits
{
    /// <summary>The emulator's quota expressed per second, as the bench summary reports it.</summary>
    public const int EmulatorPerSecond = 1_000_000;

    /// <summary>EmulatorOptions.RequestsPerUserPerMinute and RequestsPerProjectPerMinute (sliding windows).</summary>
    public const int EmulatorPerMinute = EmulatorPerSecond * 60;

    /// <summary>Google:RequestsPerUserPerMinute and Google:RequestsPerProjectPerMinute of the engine's client: the
    /// validator's maximum (one call per microsecond of budget resolution).</summary>
    public const int ClientPerMinute = GoogleQuota.MaxCallsPerMinute;

    /// <summary>The client's sustained calls per second per user and per project at <see cref="ClientPerMinute"/>
    /// after the default burst of 50 (one call per 2 µs: 500,000/s), as the bench summary reports it.</summary>
    public static readonly int ClientPerSecond =
        (int)(TimeSpan.TicksPerSecond / new GoogleQuota(ClientPerMinute, ClientPerMinute, GoogleQuota.MaxBurst).ProjectInterval.Ticks);

    /// <summary>The engine configuration that applies <see cref="ClientPerMinute"/> to both quotas.</summary>
    public static Dictionary<string, string?> ClientSettings() => new()
    {
        ["Google:RequestsPerUserPerMinute"] = ClientPerMinute.ToString(CultureInfo.InvariantCulture),
        ["Google:RequestsPerProjectPerMinute"] = ClientPerMinute.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The same as environment variables of a server process built from another commit (the baseline): builds
    /// before the quotas read only <c>Google__RequestsPerSecond</c> (at most 1000 there), later ones read it as the
    /// deprecated per-user quota (60,000 per minute) beside the project's; the per-user key is left at its default so
    /// the two forms do not conflict. Either way no quota binds at the bench's rates (~45 calls/s per user).</summary>
    public static Dictionary<string, string> BaselineEnvironment() => new()
    {
        ["Google__RequestsPerSecond"] = "1000",
        ["Google__RequestsPerUserPerMinute"] = GoogleApiOptions.DefaultRequestsPerUserPerMinute.ToString(CultureInfo.InvariantCulture),
        ["Google__RequestsPerProjectPerMinute"] = ClientPerMinute.ToString(CultureInfo.InvariantCulture),
    };
}
