using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>The channel-renewal policy: every channel of a user who can sync that expires within
/// <see cref="ChannelRenewalOptions.RenewBefore"/> (or that has none, after a failed registration at connect) is
/// renewed through <see cref="PushChannels.RenewAsync"/>, which registers the new channel before stopping the old.
/// A renewal is tried <see cref="ChannelRenewalOptions.MaxAttempts"/> times (2^n backoff on the clock); then sync is
/// disabled with <see cref="DisabledReason"/>, which the UI shows, rather than silently missing Google changes once
/// the channel lapses, and one channel_renewed/failed audit row records the last error. Every synced calendar has its
/// own channel (the default one's on the settings row, the others' in <see cref="ISyncedCalendarStore"/>): each due
/// channel is renewed once per pass.</summary>
public sealed class ChannelRenewal(
    ISettingsStore settings,
    ISyncedCalendarStore calendars,
    PushChannels channels,
    SyncAuditor auditor,
    IOptions<ChannelRenewalOptions> options,
    TimeProvider time,
    ILogger<ChannelRenewal> logger)
{
    public const string DisabledReason =
        "Google stopped accepting push-channel renewals for this calendar. Reconnect Google to resume sync.";

    /// <summary>Audit error code of a renewal given up after every attempt.</summary>
    public const string GaveUpErrorCode = "channel_renewal_failed";

    /// <summary>One renewal pass over every due channel; returns per-user results.</summary>
    public async Task<IReadOnlyList<ChannelRenewalResult>> RenewDueAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() + options.Value.RenewBefore;
        var due = await settings.ListChannelsExpiringBeforeAsync(before, ct).ConfigureAwait(false);
        var dueCalendars = await calendars.ListChannelsExpiringBeforeAsync(before, ct).ConfigureAwait(false);
        var results = new List<ChannelRenewalResult>(due.Count + dueCalendars.Count);
        foreach (var channel in due)
            results.Add(await RenewAsync(channel.UserId, null, ct).ConfigureAwait(false));
        foreach (var calendar in dueCalendars)
            results.Add(await RenewAsync(calendar.UserId, calendar.CalendarId, ct).ConfigureAwait(false));
        return results;
    }

    private async Task<ChannelRenewalResult> RenewAsync(Guid userId, string? calendarId, CancellationToken ct)
    {
        var policy = options.Value;
        var started = auditor.StartTimestamp();
        string? lastError = null;
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            if (attempt > 1)
                await Task.Delay(policy.RetryBaseDelay * Math.Pow(2, attempt - 2), time, ct).ConfigureAwait(false);
            try
            {
                await channels.RenewAsync(userId, calendarId, ct).ConfigureAwait(false);
                return new ChannelRenewalResult(userId, Renewed: true, attempt, calendarId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                lastError = e.Message;
                logger.LogWarning(e, "Channel renewal attempt {Attempt}/{MaxAttempts} failed for user {UserId}",
                    attempt, policy.MaxAttempts, userId);
            }
        }

        await settings.DisableAsync(userId, DisabledReason, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.ChannelRenewed, AuditOutcome.Failed) with
            { ErrorCode = GaveUpErrorCode, ErrorMessage = lastError }, started, ct).ConfigureAwait(false);
        return new ChannelRenewalResult(userId, Renewed: false, policy.MaxAttempts, calendarId);
    }
}
