using Aegis.CalendarSync.Store.Data;
using Dapper;
using Npgsql;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The store's PostgreSQL connections skip the reset round trip and prepare hot statements, unless the
/// operator's connection string says otherwise (real PostgreSQL).</summary>
public sealed class PostgresConnectionTuningTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public void Tuning_adds_no_reset_and_auto_prepare_only_where_the_operator_set_nothing()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.Tune("Host=db;Database=aegis"));
        var explicitOff = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.Tune("Host=db;no reset on close=false;MAXAUTOPREPARE=0"));
        var explicitOther = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.Tune("Host=db;Max Auto Prepare=7"));

        Assert.Equal((true, PostgresConnectionFactory.DefaultMaxAutoPrepare, "db", "aegis"),
            (tuned.NoResetOnClose, tuned.MaxAutoPrepare, tuned.Host, tuned.Database));
        Assert.Equal((false, 0), (explicitOff.NoResetOnClose, explicitOff.MaxAutoPrepare));
        Assert.Equal((true, 7), (explicitOther.NoResetOnClose, explicitOther.MaxAutoPrepare));
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_session_and_prepares_a_statement_run_repeatedly()
    {
        var single = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        await using var factory = new PostgresConnectionFactory(single);
        await using (var connection = await factory.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("SELECT set_config('aegis.probe', 'kept', false)");
            for (var i = 0; i < 6; i++) await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sync_queue WHERE id = @id", new { id = i });
        }

        await using var again = await factory.OpenAsync(CancellationToken.None);

        Assert.Equal("kept", await again.ExecuteScalarAsync<string>("SELECT current_setting('aegis.probe', true)"));
        Assert.Contains(await again.QueryAsync<string>("SELECT statement FROM pg_prepared_statements"),
            s => s.Contains("FROM sync_queue WHERE id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Store_connections_run_without_jit_unless_the_operator_set_it()
    {
        // JIT compiles a statement whose estimated cost passes jit_above_cost: the claim at 100,000 queued rows paid
        // 160-370 ms of compilation for 3-13 ms of execution (bench claim-flat-due).
        await using var tuned = new PostgresConnectionFactory(database.ConnectionString);
        await using var operatorSet = new PostgresConnectionFactory(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c jit=on -c statement_timeout=30000" }.ConnectionString);
        await using var other = new PostgresConnectionFactory(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c statement_timeout=30000" }.ConnectionString);

        async Task<(string Jit, string Timeout)> SettingsOf(PostgresConnectionFactory factory)
        {
            await using var connection = await factory.OpenAsync(CancellationToken.None);
            return (await connection.ExecuteScalarAsync<string>("SHOW jit") ?? "", await connection.ExecuteScalarAsync<string>("SHOW statement_timeout") ?? "");
        }

        Assert.Equal("off", (await SettingsOf(tuned)).Jit);
        Assert.Equal(("on", "30s"), await SettingsOf(operatorSet));
        Assert.Equal(("off", "30s"), await SettingsOf(other));
    }

    [Fact]
    public async Task An_explicit_setting_keeps_the_reset()
    {
        var single = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, NoResetOnClose = false }.ConnectionString;
        await using var factory = new PostgresConnectionFactory(single);
        await using (var connection = await factory.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("SELECT set_config('aegis.probe', 'kept', false)");
        }

        await using var again = await factory.OpenAsync(CancellationToken.None);

        Assert.True(string.IsNullOrEmpty(await again.ExecuteScalarAsync<string>("SELECT current_setting('aegis.probe', true)")));
    }
}
