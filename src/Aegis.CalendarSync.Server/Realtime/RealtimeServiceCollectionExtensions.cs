namespace Aegis.CalendarSync.Server.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>The live progress stream: options (section "Realtime", validated on start), the shared change feed over the
    /// store's batched ISyncProgressReader (a hosted service) and the per-request stream.</summary>
    public static IServiceCollection AddAegisRealtime(this IServiceCollection services)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SyncProgressFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncProgressFeed>());
        services.AddTransient<ProgressStream>();
        return services;
    }
}
