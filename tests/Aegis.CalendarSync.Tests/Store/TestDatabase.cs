using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>A real, migrated database for one test class; tests get a fresh service provider on it (with their own
/// clock) and an emptied schema.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Deletes every row; leaves the schema (and schema_migrations) in place.</summary>
    protected abstract string ResetSql { get; }

    /// <summary>A new empty database (no schema) that is dropped with this fixture.</summary>
    public abstract Task<string> CreateEmptyDatabaseAsync();

    protected abstract Task CreateAsync();

    protected abstract Task DropAsync();

    public ServiceProvider BuildServices(TimeProvider time, string? connectionString = null, Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = Provider,
            ["Store:ConnectionString"] = connectionString ?? ConnectionString,
        }).Build();
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
        await using var services = BuildServices(TimeProvider.System);
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => DropAsync();
}
