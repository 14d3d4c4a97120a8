using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Api;

public sealed class UserScopingTests
{
    [Fact]
    public async Task Another_users_rows_are_invisible_and_404_on_sqlite()
    {
        await using var server = await TestServerHost.StartAsync();
        await UserScopingScenario.RunAsync(server);
    }

    [Fact]
    public async Task Another_users_rows_are_invisible_and_404_on_postgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { PostgresConnectionString = database.ConnectionString });
        await UserScopingScenario.RunAsync(server);
    }
}
