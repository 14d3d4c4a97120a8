using Aegis.CalendarSync.Google;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Google;

public sealed class GoogleApiOptionsTests
{
    [Fact]
    public void Defaults_point_at_google_and_only_need_client_credentials()
    {
        var options = new GoogleApiOptions { ClientId = "id", ClientSecret = "secret" };

        Assert.True(new GoogleApiOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("https://www.googleapis.com/", options.ApiBaseUrl);
        Assert.Equal("https://oauth2.googleapis.com/token", options.TokenUrl);
        // Google's quotas: 600 per user and 10,000 per project per sliding minute; a full batch request at once.
        Assert.Equal(600, options.UserQuotaPerMinute);
        Assert.Equal(10_000, options.RequestsPerProjectPerMinute);
        Assert.Equal(50, options.MaxCallsPerBatchRequest);
        Assert.Null(options.RequestsPerSecond);
        Assert.Equal(TimeSpan.FromMicroseconds(109_091), options.Quota.UserInterval);
        Assert.Equal(TimeSpan.FromMicroseconds(6_031), options.Quota.ProjectInterval);
        Assert.True(options.Quota.MaxUserCallsIn(TimeSpan.FromMinutes(1)) <= 600);
        Assert.True(options.Quota.MaxProjectCallsIn(TimeSpan.FromMinutes(1)) <= 10_000);
        Assert.Equal([GoogleApiOptions.CalendarScope], options.Scopes);
    }

    [Fact]
    public void Invalid_configuration_fails_at_start_listing_every_problem()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Google:ApiBaseUrl"] = "http://127.0.0.1:5005",
            ["Google:TokenUrl"] = "not a url",
            ["Google:RequestsPerUserPerMinute"] = "40",
            ["Google:RequestsPerProjectPerMinute"] = "60000001",
            ["Google:BurstCalls"] = "40",
        }).Build());
        services.AddGoogleCalendarClient();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GoogleApiOptions>>().Value);

        Assert.Contains("ApiBaseUrl must end with '/'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TokenUrl must be an absolute http(s) URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ClientId is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Google:RequestsPerUserPerMinute must give 41..60000000 calls per minute, more than Google:BurstCalls (40) (got 40).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Google:RequestsPerProjectPerMinute must give 41..60000000 calls per minute", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "Google:BurstCalls must be within 1..50 (got 0).")]
    [InlineData("51", "Google:BurstCalls must be within 1..50 (got 51).")]
    public void A_burst_beyond_a_batch_request_is_refused(string burst, string message)
    {
        var result = new GoogleApiOptionsValidator().Validate(null, new GoogleApiOptions { ClientId = "id", ClientSecret = "secret", BurstCalls = int.Parse(burst, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal([message], result.Failures);
    }

    [Fact]
    public void The_deprecated_requests_per_second_is_a_per_user_quota_of_60_times_as_many_per_minute_and_may_not_be_mixed()
    {
        var legacy = new GoogleApiOptions { ClientId = "id", ClientSecret = "secret", RequestsPerSecond = 4 };
        Assert.True(new GoogleApiOptionsValidator().Validate(null, legacy).Succeeded);
        Assert.Equal(240, legacy.UserQuotaPerMinute);
        Assert.Equal(240, legacy.Quota.UserCallsPerMinute);

        var mixed = new GoogleApiOptions { ClientId = "id", ClientSecret = "secret", RequestsPerSecond = 4, RequestsPerUserPerMinute = 300 };
        Assert.Equal(
            ["Google:RequestsPerSecond is the deprecated form of Google:RequestsPerUserPerMinute (n per second = 60 n per minute); set only one."],
            new GoogleApiOptionsValidator().Validate(null, mixed).Failures);

        var tooFew = new GoogleApiOptions { ClientId = "id", ClientSecret = "secret", RequestsPerSecond = 0 };
        Assert.Equal(["Google:RequestsPerSecond must be within 1..1000000 (got 0)."], new GoogleApiOptionsValidator().Validate(null, tooFew).Failures);
    }
}
