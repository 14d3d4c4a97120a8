using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Connect / disconnect / renew through the real OAuth flow against the emulator (SQLite store).</summary>
public sealed class GoogleConnectionTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>, IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private SyncHarness _h = null!;

    private IGoogleConnectionService Connection => _h.Services.GetRequiredService<IGoogleConnectionService>();

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Connect_stores_encrypted_tokens_registers_a_channel_and_full_syncs()
    {
        await _h.ConnectAsync();

        var settings = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.True(settings.Enabled);
        Assert.NotNull(settings.GoogleChannelId);
        Assert.NotNull(settings.WebhookSecret);
        Assert.NotNull(settings.SyncToken);
        Assert.NotNull(settings.LastFullSyncAt);
        var counts = await _h.CountsAsync();
        Assert.Equal(1, counts["events.watch"]);
        // Stored tokens are ciphertext bound to this user: they decrypt, and the plaintext appears nowhere in the row.
        var vault = _h.Services.GetRequiredService<GoogleTokenVault>();
        var access = vault.OpenAccessToken(_h.UserId, settings.EncryptedAccessToken!);
        var refresh = vault.OpenRefreshToken(_h.UserId, settings.EncryptedRefreshToken!);
        Assert.DoesNotContain(access, settings.EncryptedAccessToken);
        Assert.DoesNotContain(refresh, settings.EncryptedRefreshToken);
        Assert.Throws<TokenDecryptionException>(() => vault.OpenAccessToken(Guid.NewGuid(), settings.EncryptedAccessToken!));
    }

    [Fact]
    public async Task Callback_state_is_single_use()
    {
        await _h.ConnectAsync();
        var authorize = await Connection.StartAuthorizationAsync(_h.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await _h.AuthorizeAsync(authorize);
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
        await _h.ConnectAsync();
        var ex = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, "some-code", null, SyncHarness.RedirectUri, Ct));
        Assert.Equal("invalid_state", ex.Code);
    }

    [Fact]
    public async Task Expired_state_is_refused_even_with_a_valid_signature()
    {
        await _h.ConnectAsync();
        var expired = _h.Services.GetRequiredService<OAuthStateProtector>().Protect("some-state-id", DateTimeOffset.UtcNow.AddSeconds(-1));

        var ex = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(expired, "some-code", null, SyncHarness.RedirectUri, Ct));

        Assert.Equal("state_expired", ex.Code);
    }

    [Fact]
    public async Task Callback_whose_stored_pkce_verifier_is_missing_or_altered_is_refused_before_any_token_call()
    {
        await _h.ConnectAsync();
        var authorize = await Connection.StartAuthorizationAsync(_h.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await _h.AuthorizeAsync(authorize);
        await using (var db = await _h.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct))
        {
            await db.ExecuteAsync("UPDATE oauth_states SET encrypted_code_verifier = 'AQ=='");
        }

        var before = await _h.CountsAsync();
        var ex = await Assert.ThrowsAsync<OAuthCallbackException>(() =>
            Connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct));

        Assert.Equal("invalid_state", ex.Code);
        Assert.Empty(SyncHarness.Delta(before, await _h.CountsAsync()));
    }

    [Fact]
    public async Task Denied_consent_is_reported_and_consumes_the_state()
    {
        await _h.ConnectAsync();
        var authorize = await Connection.StartAuthorizationAsync(_h.UserId, SyncHarness.RedirectUri, Ct);
        var (_, state) = await _h.AuthorizeAsync(authorize);

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
        await _h.ConnectAsync();
        var before = await _h.CountsAsync();

        await Connection.DisconnectAsync(_h.UserId, Ct);

        var calls = SyncHarness.Delta(before, await _h.CountsAsync());
        Assert.Equal(1, calls["channels.stop"]);
        Assert.Equal(1, calls["oauth.revoke"]);
        var settings = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.False(settings.Enabled);
        Assert.Null(settings.EncryptedAccessToken);
        Assert.Null(settings.EncryptedRefreshToken);
        Assert.Null(settings.GoogleChannelId);
    }

    [Fact]
    public async Task Renewal_registers_the_new_channel_before_stopping_the_old_one()
    {
        await _h.ConnectAsync();
        var old = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        await _h.Admin.ClearRequestsAsync();

        await Connection.RenewChannelAsync(_h.UserId, Ct);

        var operations = (await _h.Admin.GetRequestsAsync()).Select(r => r.Operation).Where(o => o is "events.watch" or "channels.stop").ToList();
        Assert.Equal(["events.watch", "channels.stop"], operations);
        var renewed = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.NotEqual(old.GoogleChannelId, renewed.GoogleChannelId);
        Assert.Equal(0, renewed.LastMessageNumber);
    }
}
