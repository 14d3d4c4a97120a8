using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Application.Progress;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Migrations;
using Aegis.CalendarSync.Store.Signals;
using Aegis.CalendarSync.Store.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>Registers the store for the engine named in section "Store" (validated at start), every store
    /// interface, the queue signal, <see cref="IStoreMigrator"/> and a hosted service that migrates at start.
    /// Uses a registered <see cref="TimeProvider"/> when present, else the system clock.</summary>
    public static IServiceCollection AddAegisStore(this IServiceCollection services, IConfiguration config)
    {
        services.AddLogging();
        services.AddOptions<StoreOptions>().Bind(config.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<SqlDialect>(sp => Options(sp).IsPostgres ? new PostgresDialect() : new SqliteDialect());
        services.TryAddSingleton<IDbConnectionFactory>(sp =>
        {
            var options = Options(sp);
            return options.IsPostgres
                ? new PostgresConnectionFactory(options.ConnectionString!)
                : SqliteConnectionFactory.FromOptions(options);
        });
        services.TryAddSingleton<IQueueSignal>(sp =>
        {
            var options = Options(sp);
            var time = sp.GetRequiredService<TimeProvider>();
            return options.IsPostgres
                ? new PostgresQueueSignal(options.ConnectionString!, time, sp.GetRequiredService<ILogger<PostgresQueueSignal>>())
                : new InProcessQueueSignal(time);
        });
        services.TryAddSingleton<SqlStoreContext>();

        services.TryAddSingleton<IUserStore, SqlUserStore>();
        services.TryAddSingleton<IFinancialEventStore, SqlFinancialEventStore>();
        services.TryAddSingleton<IOccurrenceStore, SqlOccurrenceStore>();
        services.TryAddSingleton<IMappingStore, SqlMappingStore>();
        services.TryAddSingleton<ISettingsStore, SqlSettingsStore>();
        services.TryAddSingleton<ISyncQueueStore, SqlSyncQueueStore>();
        services.TryAddSingleton<IQueueBatchStore, SqlQueueBatchStore>();
        services.TryAddSingleton<IInboundPageStore, SqlInboundPageStore>();
        services.TryAddSingleton<ISyncedCalendarStore, SqlSyncedCalendarStore>();
        services.TryAddSingleton<IAuditStore, SqlAuditStore>();
        services.TryAddSingleton<IConflictStore, SqlConflictStore>();
        services.TryAddSingleton<IOAuthStateStore, SqlOAuthStateStore>();
        services.TryAddSingleton<IHeldDeletionStore, SqlHeldDeletionStore>();
        services.TryAddSingleton<IInboundFailureStore, SqlInboundFailureStore>();
        services.TryAddSingleton<IJobLeaseStore, SqlJobLeaseStore>();
        services.TryAddSingleton<IRateBudgetStore, SqlRateBudgetStore>();
        services.TryAddSingleton<ISyncProgressReader, SqlSyncProgressReader>();
        services.TryAddSingleton<IDashboardReader, SqlDashboardReader>();
        services.TryAddSingleton<Application.EventSync.IEventSyncReader, SqlEventSyncReader>();

        services.AddAegisMigrations(MigrationSet.Engine);
        services.TryAddSingleton<IStoreMigrator, StoreMigrator>();
        services.AddHostedService<StoreMigrationHostedService>();
        return services;
    }

    /// <summary>Adds a migration set to the ones <see cref="IStoreMigrator"/> applies (a host's own tables); adding
    /// the same set twice applies it once.</summary>
    public static IServiceCollection AddAegisMigrations(this IServiceCollection services, MigrationSet set)
    {
        services.AddSingleton(set);
        return services;
    }

    private static StoreOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<StoreOptions>>().Value;
}
