using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>An in-process Google emulator for a harness that hosts the server: consent auto-approved (the authorize
/// endpoint redirects straight to the callback) and the quota raised per <see cref="BenchRateLimits"/>.</summary>
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
}
