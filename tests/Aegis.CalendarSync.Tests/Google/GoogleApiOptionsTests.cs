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
        Assert.Equal(10, options.RequestsPerSecond);
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
            ["Google:RequestsPerSecond"] = "0",
        }).Build());
        services.AddGoogleCalendarClient();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GoogleApiOptions>>().Value);

        Assert.Contains("ApiBaseUrl must end with '/'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TokenUrl must be an absolute http(s) URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ClientId is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RequestsPerSecond must be within 1..1000", ex.Message, StringComparison.Ordinal);
    }
}
