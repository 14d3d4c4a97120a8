namespace Aegis.CalendarSync.Server.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>The live progress stream: options (section "Realtime", validated on start), the batched store reader,
    /// the shared change feed (a hosted service) and the per-request stream.</summary>
    public static IServiceCollection AddAegisRealtime(this IServiceCollection services)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISyncProgressReader, SqlSyncProgressReader>();
        services.AddSingleton<SyncProgressFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncProgressFeed>());
        services.AddTransient<ProgressStream>();
        return services;
    }
}
