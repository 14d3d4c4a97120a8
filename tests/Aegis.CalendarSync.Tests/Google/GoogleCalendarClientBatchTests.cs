using System.Net;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Batch;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Security;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary><see cref="IGoogleCalendarClient.ExecuteBatchAsync"/> through the production registration, over real HTTP
/// to the emulator's batch endpoint.</summary>
public sealed class GoogleCalendarClientBatchTests : IAsyncLifetime
{
    private const string Email = "batch.owner@example.com";
    private readonly HttpClient _http = new();
    private EmulatorHost _emulator = null!;
    private ServiceProvider _services = null!;
    private EmulatorAdminClient _admin = null!;

    private GoogleAccount Account { get; } = new(Guid.NewGuid());
    private IGoogleCalendarClient Client => _services.GetRequiredService<IGoogleCalendarClient>();

    public Task InitializeAsync() => StartAsync(new EmulatorOptions());

    private async Task StartAsync(EmulatorOptions options)
    {
        _emulator = await EmulatorHost.StartAsync(options);
        _admin = new EmulatorAdminClient(_http, _emulator.BaseUri);
        var settings = _emulator.GoogleClientSettings();
        settings["Google:RetryBaseDelay"] = "00:00:00.001";
        settings["Google:RequestsPerUserPerMinute"] = "60000000";
        settings["Google:RequestsPerProjectPerMinute"] = "60000000";
        settings["TokenEncryption:Key"] = GoogleClientHarness.TestKey;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<ITokenStore>(new InMemoryTokenStore());
        services.AddTokenEncryption();
        services.AddGoogleCalendarClient();
        _services = services.BuildServiceProvider(validateScopes: true);
        var tokens = await _admin.IssueTokensAsync(Email);
        await _services.GetRequiredService<GoogleAccessTokenProvider>().SaveGrantAsync(Account.UserId,
            new OAuthTokenResponse { AccessToken = tokens.AccessToken, ExpiresIn = tokens.ExpiresIn, RefreshToken = tokens.RefreshToken }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private async Task StopAsync()
    {
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    private static GoogleEvent Bill(string id, string summary = "Rent") => new()
    {
        Id = id,
        Summary = summary,
        Start = new EventDateTime { Date = new DateOnly(2026, 12, 1) },
        End = new EventDateTime { Date = new DateOnly(2026, 12, 2) },
    };

    [Fact]
    public async Task Each_operation_gets_its_own_result_or_the_typed_exception_of_the_single_call()
    {
        var kept = await Client.InsertEventAsync(Account, "primary", Bill("kept00001"), CancellationToken.None);
        await Client.InsertEventAsync(Account, "primary", Bill("gone00001"), CancellationToken.None);
        await Client.DeleteEventAsync(Account, "primary", "gone00001", null, CancellationToken.None);
        await _admin.ClearRequestsAsync();

        var results = await Client.ExecuteBatchAsync(Account,
        [
            GoogleBatchOperation.Insert("primary", Bill("income001", "Salary")),
            GoogleBatchOperation.Insert("primary", Bill("kept00001")),
            GoogleBatchOperation.Update("primary", "kept00001", Bill("kept00001", "Rent (new)"), "\"stale\""),
            GoogleBatchOperation.Patch("primary", "kept00001", new GoogleEvent { Summary = "Rent (paid)" }, kept.Etag),
            GoogleBatchOperation.Delete("primary", "missing01"),
            GoogleBatchOperation.Delete("primary", "gone00001"),
            GoogleBatchOperation.Delete("primary", "income001"),
        ], CancellationToken.None);

        Assert.Equal(7, results.Count);
        Assert.Null(results[0].Error);
        Assert.Equal("Salary", results[0].Event!.Summary);
        Assert.IsType<DuplicateException>(results[1].Error);
        Assert.IsType<PreconditionFailedException>(results[2].Error);
        Assert.Equal("Rent (paid)", results[3].Event!.Summary);
        Assert.IsType<NotFoundException>(results[4].Error);
        Assert.IsType<ResourceDeletedException>(results[5].Error);
        Assert.True(results[6].Succeeded);
        Assert.Null(results[6].Event);
        Assert.Equal(GoogleBatchMethod.Delete, results[6].Operation.Method);
        Assert.Equal("Rent (paid)", (await Client.GetEventAsync(Account, "primary", "kept00001", CancellationToken.None)).Summary);
        Assert.Equal(GoogleEvent.StatusCancelled, (await Client.GetEventAsync(Account, "primary", "income001", CancellationToken.None)).Status);
        var counts = await _admin.GetRequestCountsAsync();
        Assert.Equal(1, counts["batch"]);
        Assert.Equal(2, counts["events.insert"]);
        Assert.Equal(3, counts["events.delete"]);
    }

    [Fact]
    public async Task Calls_over_googles_quota_fail_alone_with_retry_after()
    {
        await StopAsync();
        await StartAsync(new EmulatorOptions { RequestsPerUserPerMinute = 3 });

        var results = await Client.ExecuteBatchAsync(Account,
            Enumerable.Range(1, 5).Select(i => GoogleBatchOperation.Insert("primary", Bill($"quota0000{i}"))).ToList(), CancellationToken.None);

        Assert.Equal([true, true, true, false, false], results.Select(r => r.Succeeded));
        var limited = Assert.IsType<RateLimitedException>(results[3].Error);
        Assert.Equal("userRateLimitExceeded", limited.Reason);
        Assert.NotNull(limited.RetryAfter);
        Assert.InRange(limited.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_batch_whose_every_call_is_unauthorized_is_resent_once_with_a_refreshed_token()
    {
        await _admin.ExpireAccessTokensAsync(Email);
        await _admin.ClearRequestsAsync();

        var results = await Client.ExecuteBatchAsync(Account,
            [GoogleBatchOperation.Insert("primary", Bill("auth00001")), GoogleBatchOperation.Insert("primary", Bill("auth00002"))], CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Succeeded));
        var counts = await _admin.GetRequestCountsAsync();
        Assert.Equal(2, counts["batch"]);
        Assert.Equal(1, counts["oauth.token"]);
        Assert.Equal(4, counts["events.insert"]);
    }

    [Fact]
    public async Task A_failed_batch_request_is_thrown_and_empty_or_oversized_batches_are_refused_before_sending()
    {
        await _admin.InjectFaultAsync(new GoogleCalendarEmulator.Faults.FaultRule(Count: 100, Status: 500, PathContains: "/batch/"));

        var failed = await Assert.ThrowsAsync<BackendException>(() => Client.ExecuteBatchAsync(Account,
            [GoogleBatchOperation.Insert("primary", Bill("fault0001"))], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.ExecuteBatchAsync(Account,
            Enumerable.Range(0, GoogleCalendarClient.MaxBatchCalls + 1).Select(i => GoogleBatchOperation.Delete("primary", $"big{i:D6}")).ToList(), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.ExecuteBatchAsync(Account, [], CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.False((await _admin.GetRequestCountsAsync()).ContainsKey("events.insert"));
    }
}
