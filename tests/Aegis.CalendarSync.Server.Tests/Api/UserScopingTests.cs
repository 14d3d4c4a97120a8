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
        await using var database = await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { Database = database });
        await UserScopingScenario.RunAsync(server);
    }
}
