using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Pipeline;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Calendar and OAuth calls the emulator answered in one window of its request log.</summary>
public sealed record ApiCallTally(int Calls, int Throttled, IReadOnlyDictionary<string, int> ByOperation)
{
    public static ApiCallTally From(IReadOnlyList<RequestLogEntry> entries) => new(
        entries.Count,
        entries.Count(e => e.Status is 403 or 429),
        entries.GroupBy(e => e.Operation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    /// <summary>Calls answered since the emulator's request log was last cleared; throws if any was throttled.</summary>
    public static async Task<ApiCallTally> CountAsync(EmulatorAdminClient admin, CancellationToken ct) =>
        From(await admin.GetRequestsAsync(ct)).EnsureNotThrottled();

    public int Of(string operation) => ByOperation.GetValueOrDefault(operation);

    /// <summary>A throttled call means the quota, not the engine, shaped the timing: the trial is void.</summary>
    public ApiCallTally EnsureNotThrottled()
    {
        if (Throttled > 0)
        {
            throw new BenchmarkInvalidException($"{Throttled} call(s) were rate limited (403/429); raise the emulator and client limits.");
        }

        return this;
    }
}
