using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Application.Admin;
using Aegis.CalendarSync.Application.Audit;
using Aegis.CalendarSync.Application.Conflicts;
using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Application.Health;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Connection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.CalendarSync.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>The application layer the hosts call (commands and read models); the read models themselves are the
    /// store's (<see cref="Store.StoreServiceCollectionExtensions.AddAegisStore"/>).</summary>
    public static IServiceCollection AddAegisApplication(this IServiceCollection services)
    {
        services.TryAddSingleton<EventCommands>();
        services.TryAddSingleton<Occurrences.OccurrenceCommands>();
        services.TryAddSingleton<EventSync.EventSyncQueries>();
        services.TryAddSingleton<SyncCommands>();
        services.TryAddSingleton<HeldDeletionCommands>();
        services.TryAddSingleton<FirstSyncCommands>();
        services.TryAddSingleton<ConflictComparer>();
        services.TryAddSingleton<ConflictCommands>();
        services.TryAddSingleton<ConnectionCommands>();
        services.TryAddSingleton<IGoogleConnectionService>(sp => sp.GetRequiredService<ConnectionCommands>());
        services.TryAddSingleton<AuditQueries>();
        services.TryAddSingleton<Dashboard.DashboardQueries>();
        services.TryAddSingleton<UserAccounts>();
        services.TryAddSingleton<ReadinessQueries>();
        services.TryAddSingleton<DeadLetterCommands>();
        services.TryAddSingleton<ChannelCommands>();
        services.TryAddSingleton<TokenKeyRotation>();
        return services;
    }
}
