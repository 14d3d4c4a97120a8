using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Security;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Google;

public sealed class GoogleAccessTokenProviderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Cached_token_is_used_until_the_refresh_margin_then_refreshed_ahead_of_expiry()
    {
        var time = new TestClock(Now);
        var refreshes = 0;
        await using var harness = await GoogleClientHarness.StartAsync(
            (ctx, _) => GoogleResponses.Token(ctx, $"access-{Interlocked.Increment(ref refreshes) + 1}"), time: time);

        time.Advance(TimeSpan.FromSeconds(3600 - 61));
        Assert.Equal("access-1", await harness.TokenProvider.GetAccessTokenAsync(harness.UserId, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("access-2", await harness.TokenProvider.GetAccessTokenAsync(harness.UserId, CancellationToken.None));

        Assert.Equal(1, refreshes);
        var stored = harness.Tokens.Get(harness.UserId)!;
        Assert.Equal(time.GetUtcNow().AddSeconds(3599), stored.ExpiresAt);
        Assert.DoesNotContain("access-2", stored.EncryptedAccessToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_refreshes_for_one_user_share_a_single_token_request()
    {
        var endpoint = new GatedTokenEndpoint("access-2");
        await using var harness = await GoogleClientHarness.StartAsync(endpoint.RespondAsync);

        var callers = Enumerable.Range(0, 8).Select(_ => harness.TokenProvider.RefreshAsync(harness.UserId, CancellationToken.None)).ToList();
        await endpoint.Requested;
        endpoint.Release();
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(tokens, t => Assert.Equal("access-2", t));
        Assert.Equal(1, endpoint.Count);
    }

    [Fact]
    public async Task A_caller_cancelling_does_not_fail_the_shared_refresh()
    {
        var endpoint = new GatedTokenEndpoint("access-2");
        await using var harness = await GoogleClientHarness.StartAsync(endpoint.RespondAsync);
        using var cts = new CancellationTokenSource();

        var impatient = harness.TokenProvider.RefreshAsync(harness.UserId, cts.Token);
        var patient = harness.TokenProvider.RefreshAsync(harness.UserId, CancellationToken.None);
        await endpoint.Requested;
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        endpoint.Release();

        Assert.Equal("access-2", await patient.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, endpoint.Count);
    }

    [Fact]
    public async Task User_without_stored_tokens_is_reported_as_not_connected()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Token(ctx, "unused"), connectUser: false);

        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => harness.TokenProvider.GetAccessTokenAsync(harness.UserId, CancellationToken.None));

        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Tokens_encrypted_with_a_retired_key_are_read_and_re_encrypted_with_the_current_key()
    {
        const string oldKey = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
        var userId = Guid.NewGuid();
        var time = new TestClock(Now);
        var store = new InMemoryTokenStore();
        var oldEncryptor = new AesGcmTokenEncryptor(Options.Create(new TokenEncryptionOptions { Key = oldKey, KeyId = 1 }));
        var newEncryptor = new AesGcmTokenEncryptor(Options.Create(new TokenEncryptionOptions
        {
            Key = GoogleClientHarness.TestKey,
            KeyId = 2,
            PreviousKeys = new Dictionary<string, string> { ["1"] = oldKey },
        }));
        await using var server = await LoopbackGoogleServer.StartAsync((ctx, _) => GoogleResponses.Token(ctx, "unused"));
        var oldProvider = CreateProvider(store, oldEncryptor, time, server);
        await oldProvider.SaveGrantAsync(userId, new OAuthTokenResponse { AccessToken = "access-1", ExpiresIn = 3600, RefreshToken = "refresh-1" }, CancellationToken.None);

        var token = await CreateProvider(store, newEncryptor, time, server).GetAccessTokenAsync(userId, CancellationToken.None);

        Assert.Equal("access-1", token);
        var stored = store.Get(userId)!;
        Assert.True(newEncryptor.IsCurrentKey(stored.EncryptedAccessToken));
        Assert.True(newEncryptor.IsCurrentKey(stored.EncryptedRefreshToken));
        Assert.Empty(server.Requests);
    }

    private static GoogleAccessTokenProvider CreateProvider(ITokenStore store, ITokenEncryptor encryptor, TimeProvider time, LoopbackGoogleServer server)
    {
        var options = Options.Create(new Aegis.CalendarSync.Google.GoogleApiOptions
        {
            TokenUrl = new Uri(server.BaseAddress, "token").AbsoluteUri,
            ClientId = "id",
            ClientSecret = "secret",
        });
        var oauth = new GoogleOAuthClient(new HttpClient(), options);
        return new GoogleAccessTokenProvider(store, oauth, new GoogleTokenVault(encryptor), time, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<GoogleAccessTokenProvider>.Instance);
    }
}
