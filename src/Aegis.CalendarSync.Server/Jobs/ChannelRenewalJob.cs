using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Configuration;
using Aegis.CalendarSync.Store;
using Cronos;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Jobs;

/// <summary>The seed's channel-renewal cron: on the "ChannelRenewal:Cron" schedule, renews every enabled channel that
/// expires within RenewBefore. <see cref="IGoogleConnectionService.RenewChannelAsync"/> registers the new channel
/// before stopping the old one, so pushes never stop. After MaxAttempts failures (2^n backoff) sync is disabled with
/// a reason the UI shows, rather than silently missing Google changes once the channel lapses.</summary>
public sealed class ChannelRenewalJob(
    IServiceScopeFactory scopes,
    IOptions<ChannelRenewalOptions> options,
    TimeProvider time,
    ILogger<ChannelRenewalJob> logger) : BackgroundService
{
    public const string DisabledReason =
        "Google stopped accepting push-channel renewals for this calendar. Reconnect Google to resume sync.";

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
    public async Task<IReadOnlyList<ChannelRenewalResult>> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();
        var connection = scope.ServiceProvider.GetRequiredService<IGoogleConnectionService>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditStore>();

        var due = await store.ListChannelsExpiringBeforeAsync(time.GetUtcNow() + settings.RenewBefore, ct);
        var results = new List<ChannelRenewalResult>(due.Count);
        foreach (var channel in due)
            results.Add(await RenewAsync(channel, connection, store, audit, settings, ct));
        return results;
    }

    private async Task<ChannelRenewalResult> RenewAsync(CalendarSyncSettings channel, IGoogleConnectionService connection,
        ISettingsStore store, IAuditStore audit, ChannelRenewalOptions settings, CancellationToken ct)
    {
        string? lastError = null;
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            if (attempt > 1)
                await Task.Delay(settings.RetryBaseDelay * Math.Pow(2, attempt - 2), time, ct);
            try
            {
                await connection.RenewChannelAsync(channel.UserId, ct);
                return new ChannelRenewalResult(channel.UserId, Renewed: true, attempt);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                lastError = e.Message;
                logger.LogWarning(e, "Channel renewal attempt {Attempt}/{MaxAttempts} failed for user {UserId}",
                    attempt, settings.MaxAttempts, channel.UserId);
            }
        }

        await store.DisableAsync(channel.UserId, DisabledReason, ct);
        await audit.AppendAsync(new AuditEntry
        {
            UserId = channel.UserId,
            Action = AuditAction.ChannelRenewal,
            Status = AuditOutcome.Failed,
            ErrorCode = "channel_renewal_failed",
            ErrorMessage = lastError,
            CreatedAt = time.GetUtcNow(),
        }, ct);
        return new ChannelRenewalResult(channel.UserId, Renewed: false, settings.MaxAttempts);
    }
}
