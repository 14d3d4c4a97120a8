using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Server.Configuration;
using Cronos;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Jobs;

/// <summary>The seed's channel-renewal cron: on the "ChannelRenewal:Cron" schedule, runs the engine's
/// <see cref="ChannelRenewal"/> policy (renew what expires soon, retry, then disable with a reason). The host only
/// schedules.</summary>
public sealed class ChannelRenewalJob(
    ChannelRenewal renewal,
    IOptions<ChannelRenewalScheduleOptions> options,
    TimeProvider time,
    ILogger<ChannelRenewalJob> logger) : BackgroundService
{
    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Cron);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
            if (next is null) return;
            // Waits in slices: one timer cannot span more than ~49 days, and a monthly or yearly cron can.
            TimeSpan remaining;
            while ((remaining = next.Value - time.GetUtcNow().UtcDateTime) > TimeSpan.Zero)
                await Task.Delay(remaining < MaxTimerWait ? remaining : MaxTimerWait, time, stoppingToken);
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Channel renewal run failed; retrying at the next scheduled time");
            }
        }
    }

    /// <summary>One renewal pass; returns per-user results.</summary>
    public Task<IReadOnlyList<ChannelRenewalResult>> RunOnceAsync(CancellationToken ct) => renewal.RenewDueAsync(ct);
}
