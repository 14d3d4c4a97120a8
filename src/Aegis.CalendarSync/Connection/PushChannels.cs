using System.Globalization;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>Google push channels (events.watch / channels.stop). Guarantee: a replacement channel is registered
/// before the old one is stopped, so no change goes unnotified; both may deliver for a moment (harmless: the sync is
/// idempotent and duplicate message numbers are dropped).</summary>
public sealed class PushChannels(
    IGoogleCalendarClient google,
    ISettingsStore settingsStore,
    ISyncedCalendarStore calendars,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<ConnectionOptions> options,
    TimeProvider time,
    ILogger<PushChannels> logger)
{
    /// <summary>Registers a new channel, then stops the old one (no gap). Audited as channel_renewed.</summary>
    /// <exception cref="InvalidOperationException">Sync is not connected and enabled.</exception>
    /// <exception cref="GoogleApiException">Google refused the registration; the old channel is left running.</exception>
    public Task RenewAsync(Guid userId, CancellationToken ct) => RenewAsync(userId, null, ct);

    /// <summary>As <see cref="RenewAsync(Guid, CancellationToken)"/> for the channel of <paramref name="calendarId"/> (null
    /// or the default calendar: the settings row's channel). A calendar no longer synced has nothing to renew.</summary>
    public async Task RenewAsync(Guid userId, string? calendarId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        if (settings is not { CanSync: true })
        {
            throw new InvalidOperationException("Google Calendar is not connected.");
        }

        if (calendarId is not null && calendarId != settings.CalendarId)
        {
            if (await calendars.GetAsync(userId, calendarId, ct).ConfigureAwait(false) is not { } calendar)
            {
                return;
            }

            settings = settings.ForCalendar(calendar);
        }

        try
        {
            await OpenAsync(settings, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            telemetry.RecordChannelRenewal(success: false);
            throw;
        }

        if (settings is { GoogleChannelId: { } oldId, GoogleResourceId: { } oldResource })
        {
            await TryStopAsync(userId, oldId, oldResource, ct).ConfigureAwait(false);
        }

        telemetry.RecordChannelRenewal(success: true);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.ChannelRenewed, AuditOutcome.Success) with
            { Details = calendarId is null ? null : $"calendar '{settings.CalendarId}'" }, started, ct).ConfigureAwait(false);
    }

    /// <summary>Registers a channel on the settings' calendar and stores it (on the settings row for the default calendar,
    /// else on that calendar's row: <paramref name="settings"/> seen from it); a previous channel keeps running until the
    /// caller stops it.</summary>
    public async Task OpenAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        var channel = await RegisterAsync(settings, settings.CalendarId, ct).ConfigureAwait(false);
        var stored = await settingsStore.GetAsync(settings.UserId, ct).ConfigureAwait(false);
        if (stored is null || stored.CalendarId == settings.CalendarId)
        {
            await settingsStore.SaveChannelAsync(settings.UserId, channel.Id, channel.ResourceId, channel.ExpiresAt, ct).ConfigureAwait(false);
        }
        else
        {
            await calendars.SaveChannelAsync(settings.UserId, settings.CalendarId, channel.Id, channel.ResourceId, channel.ExpiresAt, ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>events.watch on <paramref name="calendarId"/> with the user's webhook secret as the token; nothing is stored.</summary>
    public async Task<RegisteredChannel> RegisterAsync(CalendarSyncSettings settings, string calendarId, CancellationToken ct)
    {
        var request = new Channel
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = Channel.WebHookType,
            Address = options.Value.WebhookAddress.ToString(),
            Token = settings.WebhookSecret,
            Params = new Dictionary<string, string>
            {
                ["ttl"] = ((long)options.Value.ChannelTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            },
        };
        var channel = await google.WatchEventsAsync(new GoogleAccount(settings.UserId), calendarId, request, ct).ConfigureAwait(false);
        return new RegisteredChannel(channel.Id ?? request.Id, channel.ResourceId, channel.ExpiresAt ?? time.GetUtcNow() + options.Value.ChannelTtl);
    }

    /// <summary>channels.stop; an unknown or expired channel is already silent, so a refusal is only logged.</summary>
    public async Task TryStopAsync(Guid userId, string channelId, string resourceId, CancellationToken ct)
    {
        try
        {
            await google.StopChannelAsync(new GoogleAccount(userId), channelId, resourceId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            logger.LogInformation("Stopping channel {ChannelId} of user {UserId} failed: {Error}", channelId, userId, ex.GetType().Name);
        }
    }
}

/// <summary>A channel Google accepted: its id, the resource id Google echoes in every push, and its expiry.</summary>
public sealed record RegisteredChannel(string Id, string? ResourceId, DateTimeOffset ExpiresAt);
