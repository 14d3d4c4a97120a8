using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Aegis.CalendarSync.Server.Tests.Hosting;

/// <summary>With no PUBLIC_BASE_URL, the OAuth redirect and webhook address follow the address bound with --urls.</summary>
public sealed class BoundAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:6001", "http://127.0.0.1:6001/")]
    [InlineData("http://*:6002;https://*:6443", "http://127.0.0.1:6002/")]
    [InlineData("http://+:6003", "http://127.0.0.1:6003/")]
    [InlineData("http://0.0.0.0:6004/", "http://127.0.0.1:6004/")]
    [InlineData("http://[::]:6005", "http://127.0.0.1:6005/")]
    [InlineData("http://localhost:6006/app", "http://localhost:6006/app/")]
    public void The_first_bound_address_is_the_public_base_url(string urls, string expected) =>
        Assert.Equal(expected, BoundAddress.PublicBaseUrl(urls));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("not a url")]
    public void No_usable_address_leaves_the_documented_default(string? urls) => Assert.Null(BoundAddress.PublicBaseUrl(urls));

    [Fact]
    public void Urls_set_both_public_base_urls_and_an_explicit_one_wins()
    {
        var bound = new ConfigurationManager();
        bound["urls"] = "http://127.0.0.1:6007";
        EnvironmentAliases.Apply(bound);
        Assert.Equal("http://127.0.0.1:6007/", bound["Server:PublicBaseUrl"]);
        Assert.Equal("http://127.0.0.1:6007/", bound["Connection:PublicBaseUrl"]);

        var explicitUrl = new ConfigurationManager();
        explicitUrl["urls"] = "http://127.0.0.1:6007";
        explicitUrl["PUBLIC_BASE_URL"] = "https://wallet.example.com/";
        EnvironmentAliases.Apply(explicitUrl);
        Assert.Equal("https://wallet.example.com/", explicitUrl["Server:PublicBaseUrl"]);
        Assert.Equal("https://wallet.example.com/", explicitUrl["Connection:PublicBaseUrl"]);
    }
}
