using Aegis.CalendarSync.Cluster;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Server.Configuration;
using Cronos;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Jobs;

/// <summary>The seed's channel-renewal cron: on the "ChannelRenewal:Cron" schedule, runs the engine's
/// <see cref="ChannelRenewal"/> policy (renew what expires soon, retry, then disable with a reason). The host only
/// schedules; on several nodes sharing a database each scheduled run happens on one node at a time
/// (<see cref="SingletonJobRunner"/>), so a channel is renewed once, not once per node.</summary>
public sealed class ChannelRenewalJob(
    ChannelRenewal renewal,
    SingletonJobRunner singleton,
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
                await RunScheduledAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Channel renewal run failed; retrying at the next scheduled time");
            }
        }
    }

    /// <summary>The scheduled run: one renewal pass while holding the job's lease (waits while another node holds it).</summary>
    public Task<IReadOnlyList<ChannelRenewalResult>> RunScheduledAsync(CancellationToken ct) =>
        singleton.RunAsync(SingletonJob.ChannelRenewal, RunOnceAsync, ct);

    /// <summary>One renewal pass; returns per-user results.</summary>
    public Task<IReadOnlyList<ChannelRenewalResult>> RunOnceAsync(CancellationToken ct) => renewal.RenewDueAsync(ct);
}
