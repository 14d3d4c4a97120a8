using System.Globalization;
using System.Security.Cryptography;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>The in-process Google emulator every harness talks to over real HTTP, and the engine settings that point
/// at it. Consent is auto-approved (the authorize endpoint redirects straight to the callback) and the quotas are
/// raised per <see cref="BenchRateLimits"/>.</summary>
public static class BenchEmulator
{
    public static Task<EmulatorHost> StartAsync(string accountEmail, CancellationToken ct) =>
        EmulatorHost.StartAsync(new EmulatorOptions
        {
            AutoApprove = true,
            DefaultAccountEmail = accountEmail,
            RequestsPerUserPerMinute = BenchRateLimits.EmulatorPerMinute,
            RequestsPerProjectPerMinute = BenchRateLimits.EmulatorPerMinute,
        }, ct);

    /// <summary>"Google" options aimed at <paramref name="emulator"/> with the emulator's registered local client,
    /// plus freshly generated TOKENS_ENCRYPTION_KEY and WEBHOOK_SECRET (nothing outlives the run).</summary>
    public static Dictionary<string, string?> EngineSettings(EmulatorHost emulator)
    {
        var settings = emulator.GoogleClientSettings();
        settings["Google:RequestsPerSecond"] = BenchRateLimits.ClientPerSecond.ToString(CultureInfo.InvariantCulture);
        settings["TOKENS_ENCRYPTION_KEY"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        settings["WEBHOOK_SECRET"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return settings;
    }
}
