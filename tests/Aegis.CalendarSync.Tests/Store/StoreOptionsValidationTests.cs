using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Store;

public sealed class StoreOptionsValidationTests
{
    [Theory]
    [InlineData("oracle", "Data Source=x.db", "Store:Provider")]
    [InlineData("postgres", null, "required for the postgres provider")]
    [InlineData("postgres", "Database=aegis", "no Host")]
    [InlineData("sqlite", "NotAKeyword=1", "not a valid SQLite connection string")]
    public async Task Host_start_fails_fast_when_store_options_are_invalid(string provider, string? connectionString, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = provider,
            ["Store:ConnectionString"] = connectionString,
        });
        builder.Services.AddAegisStore(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message);
    }
}
