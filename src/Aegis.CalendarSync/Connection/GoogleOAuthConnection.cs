using System.Buffers.Text;
using System.Security.Cryptography;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>The seed's google-calendar-auth connect and disconnect. Guarantees: a state is signed, bound to one user,
/// expires, and is consumed once; the PKCE verifier never leaves the server; tokens are stored only sealed by the
/// <see cref="GoogleTokenVault"/>; disconnect stops the channel, revokes the grant and deletes the tokens.</summary>
public sealed class GoogleOAuthConnection(
    GoogleOAuthClient oauth,
    IGoogleCalendarClient google,
    IOAuthStateStore states,
    ISettingsStore settingsStore,
    ISyncQueueStore queue,
    GoogleTokenVault vault,
    IAccessTokenCache tokenCache,
    ITokenEncryptor encryptor,
    OAuthStateProtector protector,
    PushChannels channels,
    Calendars.CalendarSetup furtherCalendars,
    DeadLetterRecovery deadLetters,
    ConnectionCalendar calendar,
    SyncAuditor auditor,
    IOptions<ConnectionOptions> options,
    TimeProvider time,
    ILogger<GoogleOAuthConnection> logger)
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
            ?? (existing?.EncryptedRefreshToken is { } enc ? vault.OpenRefreshToken(userId, enc) : null)
            ?? throw new OAuthCallbackException("no_refresh_token", "Google returned no refresh token; reconnect and grant offline access.");

        // A reconnect replaces the connection: its channel is stopped while the stored tokens still act for the account
        // it watches (possibly not the one connecting now); the new connection's channel is opened below.
        if (existing is { IsConnected: true, GoogleChannelId: { } oldChannelId, GoogleResourceId: { } oldResourceId })
        {
            await channels.TryStopAsync(userId, oldChannelId, oldResourceId, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var settings = (existing ?? new CalendarSyncSettings { UserId = userId }) with
        {
            Enabled = true,
            DisabledReason = null,
            EncryptedAccessToken = vault.SealAccessToken(userId, tokens.AccessToken),
            EncryptedRefreshToken = vault.SealRefreshToken(userId, refreshToken),
            TokenExpiresAt = now.AddSeconds(tokens.ExpiresIn),
            WebhookSecret = WebhookSecretGenerator.Create(),
            SyncToken = null,
            GoogleAccountEmail = null,
            // A new connection: links made under an earlier one are re-pushed by the first full sync, never read as deletions.
            ConnectionId = Guid.CreateVersion7(now).ToString("N"),
            UpdatedAt = now,
        };
        await settingsStore.UpsertAsync(settings, ct).ConfigureAwait(false);
        tokenCache.Forget(userId);
        settings = await RecordAccountAsync(settings, existing?.GoogleAccountEmail, ct).ConfigureAwait(false);
        await RevokeReplacedAccountAsync(existing, settings, ct).ConfigureAwait(false);

        var started = auditor.StartTimestamp();
        try
        {
            await channels.OpenAsync(settings, ct).ConfigureAwait(false);
        }
        catch (GoogleApiException ex)
        {
            // Connected without push for now: the renewal job retries a missing channel.
            logger.LogWarning("Push channel registration failed for user {UserId}: {Reason}", userId, ex.Reason);
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.ChannelRenewed, AuditOutcome.Failed) with
                { ErrorCode = ex.Reason, ErrorMessage = ex.Message }, started, ct).ConfigureAwait(false);
        }

        var sameAccountAndCalendar = existing is not null && settings.CalendarId == existing.CalendarId
            && string.Equals(settings.GoogleAccountEmail, existing.GoogleAccountEmail, StringComparison.OrdinalIgnoreCase);
        await furtherCalendars.ReopenAfterConnectAsync(settings, sameAccountAndCalendar, ct).ConfigureAwait(false);

        await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.Connected, AuditOutcome.Success), started, ct).ConfigureAwait(false);
        // Changes that failed for want of a connection (revoked access ...) are retried now; the full sync above
        // resolves the dead letters it makes obsolete.
        await deadLetters.RequeueFixedByReconnectAsync(userId, ct).ConfigureAwait(false);
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

        if (settings is { IsConnected: true, GoogleChannelId: { } channelId, GoogleResourceId: { } resourceId })
        {
            await channels.TryStopAsync(userId, channelId, resourceId, ct).ConfigureAwait(false);
        }

        if (settings.IsConnected)
        {
            await furtherCalendars.StopChannelsAsync(userId, ct).ConfigureAwait(false);
        }

        if (settings.EncryptedRefreshToken is { } encrypted)
        {
            try
            {
                await oauth.RevokeAsync(vault.OpenRefreshToken(userId, encrypted), ct).ConfigureAwait(false);
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

    /// <summary>Stores which Google account got connected, as Google exposes it within the calendar scope: the id of the
    /// account's primary calendar is its email address, and the calendar the connection syncs into
    /// (<see cref="ConnectionCalendar"/>: another account than <paramref name="previousEmail"/> cannot see the calendar
    /// chosen before). A failure to read them leaves the connection intact, on the calendar chosen before.</summary>
    private async Task<CalendarSyncSettings> RecordAccountAsync(CalendarSyncSettings settings, string? previousEmail, CancellationToken ct)
    {
        try
        {
            var calendars = await google.ListCalendarsAsync(new GoogleAccount(settings.UserId), ct).ConfigureAwait(false);
            if (calendars.FirstOrDefault(c => c.Primary == true)?.Id is not { } email)
            {
                return settings;
            }

            var updated = await calendar.ChooseAsync(settings with { GoogleAccountEmail = email }, previousEmail, email, calendars, ct)
                .ConfigureAwait(false);
            await settingsStore.UpsertAsync(updated, ct).ConfigureAwait(false);
            return updated;
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            logger.LogWarning("Reading the connected Google account of user {UserId} failed: {Error}", settings.UserId, ex.GetType().Name);
            return settings;
        }
    }

    /// <summary>When the user connected another Google account than before, the earlier account's grant is revoked: its
    /// access tokens still cached by other nodes then stop working (401), and those nodes read the new tokens instead
    /// of acting for the earlier account. Not for the same account: revoking any of its tokens would revoke the grant
    /// just made. A failure is logged; the earlier account's access tokens then expire within the hour.</summary>
    private async Task RevokeReplacedAccountAsync(CalendarSyncSettings? previous, CalendarSyncSettings current, CancellationToken ct)
    {
        if (previous is not { GoogleAccountEmail: { } previousEmail, EncryptedRefreshToken: { } encrypted }
            || current.GoogleAccountEmail is not { } email
            || string.Equals(previousEmail, email, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            await oauth.RevokeAsync(vault.OpenRefreshToken(current.UserId, encrypted), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GoogleApiException or TokenDecryptionException or HttpRequestException)
        {
            logger.LogWarning("Revoking the replaced Google grant of user {UserId} failed: {Error}", current.UserId, ex.GetType().Name);
        }
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
}
