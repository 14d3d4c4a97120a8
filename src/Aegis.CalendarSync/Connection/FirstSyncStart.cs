using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Connection;

/// <summary>The user's go-ahead for the first sync of a connection (after its preview). Guarantees: nothing happens
/// unless the connection awaits the go-ahead (one statement decides, so two concurrent Starts start once); the pending
/// dedicated calendar is created (or found by name) first, then the push channel is registered (a previous one is
/// stopped after), the full sync queued and the dead letters a reconnect fixes requeued; the wallet changes queued
/// while waiting are claimed from then on.</summary>
public sealed class FirstSyncStart(
    ISettingsStore settingsStore,
    ConnectionCalendar calendar,
    PushChannels channels,
    Calendars.CalendarSetup furtherCalendars,
    ISyncQueueStore queue,
    DeadLetterRecovery deadLetters,
    SyncAuditor auditor,
    ILogger<FirstSyncStart> logger)
{
    /// <summary>Starts the sync; false (nothing changed) when the user's connection does not await the go-ahead.</summary>
    /// <exception cref="GoogleApiException">Google refused to create the dedicated calendar; still awaiting.</exception>
    public async Task<bool> StartAsync(Guid userId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        if (await settingsStore.GetAsync(userId, ct).ConfigureAwait(false) is not { AwaitsStart: true } awaiting)
        {
            return false;
        }

        var calendarId = await calendar.CreatePendingAsync(awaiting, ct).ConfigureAwait(false);
        if (!await settingsStore.TryStartAsync(userId, calendarId, awaiting.ImportForeignEvents, ct).ConfigureAwait(false))
        {
            return false;
        }

        var settings = (await settingsStore.GetAsync(userId, ct).ConfigureAwait(false))!;
        await OpenChannelAsync(settings, ct).ConfigureAwait(false);
        // A reconnect to the same account and calendar kept its further calendars: their channels are registered again.
        await furtherCalendars.ReopenAfterConnectAsync(settings, sameAccountAndCalendar: true, ct).ConfigureAwait(false);
        await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.SyncStarted, AuditOutcome.Success) with
        {
            Details = awaiting.PendingCalendarName is { } name ? $"created the calendar '{name}'" : null,
        }, started, ct).ConfigureAwait(false);
        // Changes that failed for want of a connection (revoked access ...) are retried now; the full sync above
        // resolves the dead letters it makes obsolete.
        await deadLetters.RequeueFixedByReconnectAsync(userId, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Registers the channel of the started connection, then stops the one an earlier connection left (its
    /// token no longer matches, so it only costs Google pushes). A refusal leaves the sync running without push for now:
    /// the renewal job retries a missing channel.</summary>
    private async Task OpenChannelAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        try
        {
            await channels.OpenAsync(settings, ct).ConfigureAwait(false);
        }
        catch (GoogleApiException ex)
        {
            logger.LogWarning("Push channel registration failed for user {UserId}: {Reason}", settings.UserId, ex.Reason);
            await auditor.RecordAsync(AuditEntry.Of(settings.UserId, AuditAction.ChannelRenewed, AuditOutcome.Failed) with
                { ErrorCode = ex.Reason, ErrorMessage = ex.Message }, started, ct).ConfigureAwait(false);
            return;
        }

        if (settings is { GoogleChannelId: { } oldId, GoogleResourceId: { } oldResource })
        {
            await channels.TryStopAsync(settings.UserId, oldId, oldResource, ct).ConfigureAwait(false);
        }
    }
}
