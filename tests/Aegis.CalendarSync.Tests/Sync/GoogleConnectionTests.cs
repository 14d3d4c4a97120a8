using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Connect / disconnect / renew through the real OAuth flow against the emulator (SQLite store).</summary>
public sealed class GoogleConnectionTests(SqliteTestDatabase database) : HarnessTests<SqliteTestDatabase>(database)
{

    [Fact]
    public async Task Connect_stores_encrypted_tokens_registers_a_channel_and_full_syncs()
    {
        await H.ConnectAsync();

        var settings = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.True(settings.Enabled);
        Assert.NotNull(settings.GoogleChannelId);
        Assert.NotNull(settings.WebhookSecret);
        Assert.NotNull(settings.SyncToken);
        Assert.NotNull(settings.LastFullSyncAt);
        var counts = await H.CountsAsync();
        Assert.Equal(1, counts["events.watch"]);
        // Stored tokens are ciphertext bound to this user: they decrypt, and the plaintext appears nowhere in the row.
        var vault = H.Services.GetRequiredService<GoogleTokenVault>();
        var access = vault.OpenAccessToken(H.UserId, settings.EncryptedAccessToken!);
        var refresh = vault.OpenRefreshToken(H.UserId, settings.EncryptedRefreshToken!);
        Assert.DoesNotContain(access, settings.EncryptedAccessToken);
        Assert.DoesNotContain(refresh, settings.EncryptedRefreshToken);
        Assert.Throws<TokenDecryptionException>(() => vault.OpenAccessToken(Guid.NewGuid(), settings.EncryptedAccessToken!));
    }

    [Fact]
    public async Task Callback_state_is_single_use()
    {
        await H.ConnectAsync();
        var authorize = await Connection.StartAuthorizationAsync(H.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await H.AuthorizeAsync(authorize);
        await Connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);

        var replay = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct));
        Assert.Equal("invalid_state", replay.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-state")]
    [InlineData("abc.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Forged_or_missing_state_is_refused(string? state)
    {
        await H.ConnectAsync();
        var ex = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, "some-code", null, SyncHarness.RedirectUri, Ct));
        Assert.Equal("invalid_state", ex.Code);
    }

    [Fact]
    public async Task Expired_state_is_refused_even_with_a_valid_signature()
    {
        await H.ConnectAsync();
        var expired = H.Services.GetRequiredService<OAuthStateProtector>().Protect("some-state-id", DateTimeOffset.UtcNow.AddSeconds(-1));

        var ex = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(expired, "some-code", null, SyncHarness.RedirectUri, Ct));

        Assert.Equal("state_expired", ex.Code);
    }

    [Fact]
    public async Task Callback_whose_stored_pkce_verifier_is_missing_or_altered_is_refused_before_any_token_call()
    {
        await H.ConnectAsync();
        var authorize = await Connection.StartAuthorizationAsync(H.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await H.AuthorizeAsync(authorize);
        await using (var db = await H.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct))
        {
            await db.ExecuteAsync("UPDATE oauth_states SET encrypted_code_verifier = 'AQ=='");
        }

        var before = await H.CountsAsync();
        var ex = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct));

        Assert.Equal("invalid_state", ex.Code);
        Assert.Empty(SyncHarness.Delta(before, await H.CountsAsync()));
    }

    [Fact]
    public async Task Denied_consent_is_reported_and_consumes_the_state()
    {
        await H.ConnectAsync();
        var authorize = await Connection.StartAuthorizationAsync(H.UserId, SyncHarness.RedirectUri, Ct);
        var (_, state) = await H.AuthorizeAsync(authorize);

        var denied = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, null, "access_denied", SyncHarness.RedirectUri, Ct));
        var replay = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, null, null, SyncHarness.RedirectUri, Ct));

        Assert.Equal("access_denied", denied.Code);
        Assert.Equal("invalid_state", replay.Code);
    }

    [Fact]
    public async Task Disconnect_stops_the_channel_revokes_the_grant_and_deletes_tokens()
    {
        await H.ConnectAsync();
        var before = await H.CountsAsync();

        await Connection.DisconnectAsync(H.UserId, Ct);

        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(1, calls["channels.stop"]);
        Assert.Equal(1, calls["oauth.revoke"]);
        var settings = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.False(settings.Enabled);
        Assert.Null(settings.EncryptedAccessToken);
        Assert.Null(settings.EncryptedRefreshToken);
        Assert.Null(settings.GoogleChannelId);
    }

    [Fact]
    public async Task Renewal_registers_the_new_channel_before_stopping_the_old_one()
    {
        await H.ConnectAsync();
        var old = (await H.Settings.GetAsync(H.UserId, Ct))!;
        await H.Admin.ClearRequestsAsync();

        await Connection.RenewChannelAsync(H.UserId, Ct);

        var operations = (await H.Admin.GetRequestsAsync()).Select(r => r.Operation).Where(o => o is "events.watch" or "channels.stop").ToList();
        Assert.Equal(["events.watch", "channels.stop"], operations);
        var renewed = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.NotEqual(old.GoogleChannelId, renewed.GoogleChannelId);
        Assert.Equal(0, renewed.LastMessageNumber);
    }
}
