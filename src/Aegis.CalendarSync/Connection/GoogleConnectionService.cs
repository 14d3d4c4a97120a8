using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>The seed's google-calendar-auth function. Guarantees: a state is signed, bound to one user, expires,
/// and is consumed once; the PKCE verifier never leaves the server; tokens are stored only encrypted; a renewed
/// channel is registered before the old one is stopped, so no change goes unnotified; a calendar switch only ever
/// targets a calendar the account can write, and leaves no synced event behind on the previous calendar.</summary>
public sealed class GoogleConnectionService(
    GoogleOAuthClient oauth,
    IGoogleCalendarClient google,
    IOAuthStateStore states,
    ISettingsStore settingsStore,
    IMappingStore mappings,
    ISyncQueueStore queue,
    CalendarRehoming rehoming,
    ITokenEncryptor encryptor,
    OAuthStateProtector protector,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<ConnectionOptions> options,
    TimeProvider time,
    ILogger<GoogleConnectionService> logger) : IGoogleConnectionService
{
    private const string VerifierContext = "oauth-pkce-verifier";

    public async Task<Uri> StartAuthorizationAsync(Guid userId, Uri redirectUri, CancellationToken ct)
    {
        var pkce = PkceCodes.Create();
        var stateId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.StateLifetime;
        await states.SaveAsync(new OAuthPendingState(stateId, userId, encryptor.Encrypt(pkce.Verifier, VerifierContext + "/" + stateId),
            redirectUri.ToString(), expiresAt, now), ct).ConfigureAwait(false);
        await states.PurgeExpiredAsync(now, ct).ConfigureAwait(false);
        return oauth.BuildAuthorizationUrl(redirectUri, protector.Protect(stateId, expiresAt), pkce.Challenge);
    }

    public async Task<Guid> CompleteAuthorizationAsync(string? state, string? code, string? error, Uri redirectUri, CancellationToken ct)
    {
        var pending = await ConsumeStateAsync(state, redirectUri, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(error))
        {
            throw new OAuthCallbackException(error == "access_denied" ? "access_denied" : "authorization_error",
                error == "access_denied" ? "Access to Google Calendar was denied." : $"Google reported an error: {error}.");
        }

        if (string.IsNullOrEmpty(code))
        {
            throw new OAuthCallbackException("invalid_request", "The callback carries no authorization code.");
        }

        string verifier;
        try
        {
            verifier = encryptor.Decrypt(pending.EncryptedCodeVerifier, VerifierContext + "/" + pending.StateId);
        }
        catch (TokenDecryptionException)
        {
            throw new OAuthCallbackException("invalid_state", "The authorization request can no longer be verified; start again.");
        }

        OAuthTokenResponse tokens;
        try
        {
            tokens = await oauth.ExchangeCodeAsync(code, verifier, redirectUri, ct).ConfigureAwait(false);
        }
        catch (InvalidGrantException)
        {
            throw new OAuthCallbackException("invalid_grant", "The authorization code is invalid, expired or was already used; start again.");
        }

        var userId = pending.UserId;
        var existing = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        var refreshToken = tokens.RefreshToken
            ?? (existing?.EncryptedRefreshToken is { } enc ? encryptor.Decrypt(enc, TokenContexts.Refresh(userId)) : null)
            ?? throw new OAuthCallbackException("no_refresh_token", "Google returned no refresh token; reconnect and grant offline access.");

        var now = time.GetUtcNow();
        var settings = (existing ?? new CalendarSyncSettings { UserId = userId }) with
        {
            Enabled = true,
            DisabledReason = null,
            EncryptedAccessToken = encryptor.Encrypt(tokens.AccessToken, TokenContexts.Access(userId)),
            EncryptedRefreshToken = encryptor.Encrypt(refreshToken, TokenContexts.Refresh(userId)),
            TokenExpiresAt = now.AddSeconds(tokens.ExpiresIn),
            WebhookSecret = WebhookSecretGenerator.Create(),
            SyncToken = null,
            GoogleAccountEmail = null,
            UpdatedAt = now,
        };
        await settingsStore.UpsertAsync(settings, ct).ConfigureAwait(false);
        settings = await RecordAccountEmailAsync(settings, ct).ConfigureAwait(false);

        var started = auditor.StartTimestamp();
        try
        {
            await OpenChannelAsync(settings, ct).ConfigureAwait(false);
        }
        catch (GoogleApiException ex)
        {
            // Connected without push for now: marking the channel expired makes the renewal job retry it.
            logger.LogWarning("Push channel registration failed for user {UserId}: {Reason}", userId, ex.Reason);
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.ChannelRenewed, AuditOutcome.Failed) with
                { ErrorCode = ex.Reason, ErrorMessage = ex.Message }, started, ct).ConfigureAwait(false);
        }

        await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.Connected, AuditOutcome.Success), started, ct).ConfigureAwait(false);
        return userId;
    }

    public async Task DisconnectAsync(Guid userId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return;
        }

        if (settings is { GoogleChannelId: { } channelId, GoogleResourceId: { } resourceId, EncryptedRefreshToken: not null })
        {
            await TryStopChannelAsync(userId, channelId, resourceId, ct).ConfigureAwait(false);
        }

        if (settings.EncryptedRefreshToken is { } encrypted)
        {
            try
            {
                await oauth.RevokeAsync(encryptor.Decrypt(encrypted, TokenContexts.Refresh(userId)), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is GoogleApiException or TokenDecryptionException or HttpRequestException)
            {
                // The grant may already be revoked; the local tokens are deleted regardless.
                logger.LogWarning("Revoking the Google grant of user {UserId} failed: {Error}", userId, ex.GetType().Name);
            }
        }

        await settingsStore.UpsertAsync(settings with
        {
            Enabled = false,
            EncryptedAccessToken = null,
            EncryptedRefreshToken = null,
            TokenExpiresAt = null,
            SyncToken = null,
            GoogleChannelId = null,
            GoogleResourceId = null,
            ChannelExpiryAt = null,
            WebhookSecret = null,
            LastMessageNumber = 0,
            DisabledReason = null,
            UpdatedAt = time.GetUtcNow(),
        }, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.Disconnected, AuditOutcome.Success), started, ct).ConfigureAwait(false);
    }

    public async Task RenewChannelAsync(Guid userId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        if (settings is not { Enabled: true, EncryptedRefreshToken: not null })
        {
            throw new InvalidOperationException("Google Calendar is not connected.");
        }

        try
        {
            await OpenChannelAsync(settings, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            telemetry.RecordChannelRenewal(success: false);
            throw;
        }

        if (settings is { GoogleChannelId: { } oldId, GoogleResourceId: { } oldResource })
        {
            await TryStopChannelAsync(userId, oldId, oldResource, ct).ConfigureAwait(false);
        }

        telemetry.RecordChannelRenewal(success: true);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.ChannelRenewed, AuditOutcome.Success), started, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SyncableCalendar>> ListWritableCalendarsAsync(Guid userId, CancellationToken ct)
    {
        var settings = await RequireConnectedAsync(userId, ct).ConfigureAwait(false);
        var calendars = await google.ListCalendarsAsync(new GoogleAccount(userId), ct).ConfigureAwait(false);
        return calendars
            .Where(c => c.IsWritable && c.Id is not null)
            .Select(c => new SyncableCalendar(c.Id!, c.Summary ?? c.Id!, c.Primary == true, c.AccessRole!, c.TimeZone,
                Selected: string.Equals(CanonicalId(c), settings.CalendarId, StringComparison.Ordinal)))
            .OrderByDescending(c => c.Primary).ThenBy(c => c.Summary, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<SyncableCalendar> CreateCalendarAsync(Guid userId, string summary, string? timeZone, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        await RequireConnectedAsync(userId, ct).ConfigureAwait(false);
        var created = await google.InsertCalendarAsync(new GoogleAccount(userId), new GoogleCalendar { Summary = summary, TimeZone = timeZone }, ct)
            .ConfigureAwait(false);
        var id = created.Id ?? throw new GoogleApiException(System.Net.HttpStatusCode.BadGateway, null, "calendars.insert returned no id.");
        return new SyncableCalendar(id, created.Summary ?? summary, Primary: false, CalendarListEntry.OwnerRole, created.TimeZone, Selected: false);
    }

    public async Task<CalendarSwitchResult> SwitchCalendarAsync(Guid userId, string calendarId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarId);
        var started = auditor.StartTimestamp();
        var settings = await RequireConnectedAsync(userId, ct).ConfigureAwait(false);
        var account = new GoogleAccount(userId);
        string target;
        try
        {
            target = CanonicalId(await FindWritableAsync(account, calendarId, ct).ConfigureAwait(false));
        }
        catch (CalendarChoiceException e)
        {
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Failed) with
                { ErrorCode = e.Code, ErrorMessage = e.Message }, started, ct).ConfigureAwait(false);
            throw;
        }

        var changed = !string.Equals(settings.CalendarId, target, StringComparison.Ordinal);
        if (changed)
        {
            // The new channel is live before the old one stops: a change on either calendar during the switch is notified.
            var channel = await RegisterChannelAsync(settings, target, ct).ConfigureAwait(false);
            await settingsStore.SaveCalendarAsync(userId, target, channel.Id, channel.ResourceId, channel.ExpiresAt, ct).ConfigureAwait(false);
            if (settings is { GoogleChannelId: { } oldId, GoogleResourceId: { } oldResource })
            {
                await TryStopChannelAsync(userId, oldId, oldResource, ct).ConfigureAwait(false);
            }

            settings = settings with { CalendarId = target, SyncToken = null };
        }

        // Also run when unchanged: a switch interrupted after storing the new id is completed by calling it again.
        var moved = 0;
        foreach (var mapping in await mappings.ListAsync(userId, ct).ConfigureAwait(false))
        {
            if (CalendarRehoming.IsStale(settings, mapping))
            {
                await rehoming.ReleaseAsync(settings, mapping, ct).ConfigureAwait(false);
                moved++;
            }
        }

        if (!changed && moved == 0)
        {
            return new CalendarSwitchResult(target, Changed: false, EventsMoved: 0);
        }

        await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Success) with
            { ErrorMessage = $"now {target}; {moved} event(s) moved" }, started, ct).ConfigureAwait(false);
        return new CalendarSwitchResult(target, changed, moved);
    }

    /// <summary>The primary calendar is stored as "primary" (the default, and what existing mappings record), any
    /// other by its id, so the same calendar never has two spellings.</summary>
    private static string CanonicalId(CalendarListEntry entry) => entry.Primary == true ? "primary" : entry.Id!;

    private async Task<CalendarListEntry> FindWritableAsync(GoogleAccount account, string calendarId, CancellationToken ct)
    {
        var calendars = await google.ListCalendarsAsync(account, ct).ConfigureAwait(false);
        var entry = calendars.FirstOrDefault(c => calendarId == "primary" ? c.Primary == true : string.Equals(c.Id, calendarId, StringComparison.Ordinal))
            ?? throw new CalendarChoiceException(CalendarChoiceException.NotFound, calendarId,
                $"The connected Google account has no calendar '{calendarId}'.");
        return entry.IsWritable
            ? entry
            : throw new CalendarChoiceException(CalendarChoiceException.ReadOnly, calendarId,
                $"The connected Google account can only read '{entry.Summary ?? calendarId}' (role {entry.AccessRole ?? "none"}); choose a calendar it can write.");
    }

    /// <summary>Stores which Google account got connected, as Google exposes it within the calendar scope: the id of the
    /// account's primary calendar is its email address. Informational: a failure to read it leaves the connection intact.</summary>
    private async Task<CalendarSyncSettings> RecordAccountEmailAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        try
        {
            var calendars = await google.ListCalendarsAsync(new GoogleAccount(settings.UserId), ct).ConfigureAwait(false);
            if (calendars.FirstOrDefault(c => c.Primary == true)?.Id is not { } email)
            {
                return settings;
            }

            var updated = settings with { GoogleAccountEmail = email };
            await settingsStore.UpsertAsync(updated, ct).ConfigureAwait(false);
            return updated;
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            logger.LogWarning("Reading the connected Google account of user {UserId} failed: {Error}", settings.UserId, ex.GetType().Name);
            return settings;
        }
    }

    private async Task<CalendarSyncSettings> RequireConnectedAsync(Guid userId, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        return settings is { EncryptedRefreshToken: not null } ? settings : throw new GoogleAccountNotConnectedException(userId);
    }

    private async Task<OAuthPendingState> ConsumeStateAsync(string? state, Uri redirectUri, CancellationToken ct)
    {
        var parsed = protector.Unprotect(state)
            ?? throw new OAuthCallbackException("invalid_state", "The sign-in request is not valid; start again.");
        if (parsed.ExpiresAt <= time.GetUtcNow())
        {
            await states.ConsumeAsync(parsed.StateId, ct).ConfigureAwait(false);
            throw new OAuthCallbackException("state_expired", "The sign-in request expired; start again.");
        }

        var pending = await states.ConsumeAsync(parsed.StateId, ct).ConfigureAwait(false)
            ?? throw new OAuthCallbackException("invalid_state", "The sign-in request was already used; start again.");
        if (!string.Equals(pending.RedirectUri, redirectUri.ToString(), StringComparison.Ordinal))
        {
            throw new OAuthCallbackException("invalid_state", "The sign-in request does not match this callback; start again.");
        }

        return pending;
    }

    /// <summary>Registers a channel and stores it; the previous channel (if any) keeps running until the caller
    /// stops it, so both may deliver for a moment (duplicates are harmless: the sync is idempotent).</summary>
    private async Task OpenChannelAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        var channel = await RegisterChannelAsync(settings, settings.CalendarId, ct).ConfigureAwait(false);
        await settingsStore.SaveChannelAsync(settings.UserId, channel.Id, channel.ResourceId, channel.ExpiresAt, ct).ConfigureAwait(false);
    }

    /// <summary>events.watch on <paramref name="calendarId"/>; nothing is stored.</summary>
    private async Task<(string Id, string? ResourceId, DateTimeOffset ExpiresAt)> RegisterChannelAsync(CalendarSyncSettings settings,
        string calendarId, CancellationToken ct)
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
        return (channel.Id ?? request.Id, channel.ResourceId, channel.ExpiresAt ?? time.GetUtcNow() + options.Value.ChannelTtl);
    }

    private async Task TryStopChannelAsync(Guid userId, string channelId, string resourceId, CancellationToken ct)
    {
        try
        {
            await google.StopChannelAsync(new GoogleAccount(userId), channelId, resourceId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            // An unknown or expired channel is already silent.
            logger.LogInformation("Stopping channel {ChannelId} of user {UserId} failed: {Error}", channelId, userId, ex.GetType().Name);
        }
    }
}
