using Aegis.CalendarSync.Application;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Http;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.RateBudget;
using Aegis.CalendarSync.Store.Sql;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync;

public static class SyncEngineServiceCollectionExtensions
{
    /// <summary>The whole engine: store (section "Store"), queue ("Queue"), Google client ("Google"), token
    /// encryption ("TokenEncryption" / TOKENS_ENCRYPTION_KEY), sync rules ("Sync"), the connection services
    /// ("Connection"; the state signing key falls back to WEBHOOK_SECRET), the channel renewal policy ("ChannelRenewal")
    /// and the application layer the hosts call. Every options class is validated at start.</summary>
    public static IServiceCollection AddAegisSyncEngine(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddAegisStore(config);
        // Webhook secrets are encrypted at rest like the tokens; everything resolving ISettingsStore sees plaintext.
        services.TryAddSingleton<SqlSettingsStore>();
        // The webhook validates against cached channel rows, dropped on every channel write of this process, of the
        // default calendar (settings store) and of every further calendar (synced calendar store).
        services.TryAddSingleton<WebhookSecretEncryptingSettingsStore>();
        services.TryAddSingleton<PushChannelCache>();
        services.Replace(ServiceDescriptor.Singleton<ISettingsStore, ChannelCachingSettingsStore>());
        services.TryAddSingleton<SqlSyncedCalendarStore>();
        services.Replace(ServiceDescriptor.Singleton<ISyncedCalendarStore, ChannelCachingSyncedCalendarStore>());
        services.AddAegisQueue();
        services.AddTokenEncryption();
        // Several nodes share one PostgreSQL database, so there Google's per-user and per-project budgets are kept in it;
        // SQLite is one node by construction and keeps them in process (no statement per Google request).
        services.TryAddSingleton<IAccountRateLimiter>(sp => ActivatorUtilities.CreateInstance<GoogleQuotaLimiter>(sp,
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsPostgres
                ? sp.GetRequiredService<IRateBudgetStore>()
                : sp.GetRequiredService<InProcessRateBudgetStore>()));
        services.AddGoogleCalendarClient();
        services.AddAegisCalendarFeed();

        services.AddOptions<SyncEngineOptions>().BindConfiguration(SyncEngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MassDeleteOptions>().BindConfiguration(MassDeleteOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConnectionOptions>().BindConfiguration(ConnectionOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrEmpty(options.StateSigningKey))
                {
                    options.StateSigningKey = configuration["WEBHOOK_SECRET"] ?? "";
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<SyncTelemetry>();
        services.TryAddSingleton<ITokenStore, SettingsTokenStore>();
        services.TryAddSingleton<FinancialEventMapper>();
        services.TryAddSingleton<OccurrenceMapper>();
        services.TryAddSingleton<ConnectedAccounts>();
        services.TryAddSingleton<SyncAuditor>();
        services.TryAddSingleton<RemoteEvents>();
        services.TryAddSingleton<ConflictRecorder>();
        services.TryAddSingleton<PushedVersion>();
        services.TryAddSingleton<OfflineChangeCatchUp>();
        services.TryAddSingleton<DeadLetterRecovery>();
        services.TryAddSingleton<OccurrenceDecider>();
        services.TryAddSingleton<OccurrenceSync>();
        services.TryAddSingleton<SyncStateWriter>();
        services.TryAddSingleton<ConflictResolver>();
        services.TryAddSingleton<CalendarRehoming>();
        services.TryAddSingleton<Calendars.CalendarRoutes>();
        services.TryAddSingleton<OutboundSync>();
        services.TryAddSingleton<MassDeleteGuard>();
        services.TryAddSingleton<HeldDeletionDecisions>();
        services.TryAddSingleton<InboundDecider>();
        services.TryAddSingleton<InboundSync>();
        // Public for the application layer, built from the engine's internal rules (hence no public constructor).
        services.TryAddSingleton(sp => new Sync.Preview.FirstSyncPreviewer(sp.GetRequiredService<IGoogleCalendarClient>(),
            sp.GetRequiredService<RemoteEvents>(), sp.GetRequiredService<InboundDecider>(), sp.GetRequiredService<OccurrenceDecider>(),
            sp.GetRequiredService<MassDeleteGuard>(), sp.GetRequiredService<IMappingStore>(), sp.GetRequiredService<IFinancialEventStore>(),
            sp.GetRequiredService<IOccurrenceStore>(), sp.GetRequiredService<OccurrenceMapper>(), sp.GetRequiredService<ISyncQueueStore>(),
            sp.GetRequiredService<FinancialEventMapper>(), sp.GetRequiredService<IOptions<SyncEngineOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISyncService, SyncService>();
        services.TryAddSingleton<ISyncWorkHandler, SyncWorkHandler>();
        services.TryAddSingleton<OAuthStateProtector>();
        services.TryAddSingleton<PushChannels>();
        services.TryAddSingleton<CalendarChoice>();
        services.TryAddSingleton<Calendars.CalendarSetup>();
        services.TryAddSingleton<ConnectionCalendar>();
        services.TryAddSingleton<GoogleOAuthConnection>();
        services.TryAddSingleton<FirstSyncStart>();
        services.AddOptions<ChannelRenewalOptions>().BindConfiguration(ChannelRenewalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ChannelRenewal>();
        services.TryAddSingleton<PushWindows>();
        services.TryAddSingleton<PushNotificationHandler>();
        services.AddHostedService<PushWindowFlusher>();
        services.AddAegisApplication();
        return services;
    }
}
