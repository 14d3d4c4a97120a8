using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Aegis.CalendarSync.Testing.Databases;

/// <summary>A real database of one engine, created for a test class (as an xunit class fixture: created and migrated
/// before its first test, dropped after its last; tests empty it with <see cref="ResetAsync"/>), or for one test or
/// benchmark run through <see cref="CreateAsync{TDatabase}"/> and dropped when disposed. Nothing outlives it.</summary>
public abstract class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    private int _dropped;

    /// <summary>Value of Store:Provider.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Deletes every row; leaves the schema (and schema_migrations) in place.</summary>
    protected abstract string ResetSql { get; }

    /// <summary>Creates one outside xunit: migrated to the engine's schema, or left empty when
    /// <paramref name="migrate"/> is false (for a host that migrates on start).</summary>
    public static async Task<TDatabase> CreateAsync<TDatabase>(bool migrate = true)
        where TDatabase : TestDatabase, new()
    {
        var database = new TDatabase();
        await database.CreateAsync();
        if (migrate)
        {
            await database.MigrateAsync();
        }

        return database;
    }

    /// <summary>A new empty database (no schema) that is dropped with this one.</summary>
    public abstract Task<string> CreateEmptyDatabaseAsync();

    protected abstract Task CreateAsync();

    protected abstract Task DropAsync();

    /// <summary>Store configuration keys for this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> StoreSettings(string? connectionString = null) =>
    [
        new("Store:Provider", Provider),
        new("Store:ConnectionString", connectionString ?? ConnectionString),
    ];

    /// <summary>AddAegisStore on this database (or on <paramref name="connectionString"/>), with <paramref name="time"/>
    /// as the clock, validated on build.</summary>
    public ServiceProvider BuildServices(TimeProvider time, string? connectionString = null, Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(StoreSettings(connectionString)).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<IConfiguration>(config);
        services.AddAegisStore(config);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task ResetAsync()
    {
        await using var services = BuildServices(TimeProvider.System);
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(ResetSql);
    }

    public async Task InitializeAsync()
    {
        await CreateAsync();
        await MigrateAsync();
    }

    /// <summary>Drops the database; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            await DropAsync();
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private async Task MigrateAsync()
    {
        await using var services = BuildServices(TimeProvider.System);
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync(CancellationToken.None);
    }
}
