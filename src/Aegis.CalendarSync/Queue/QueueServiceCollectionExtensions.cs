using Aegis.CalendarSync.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.CalendarSync.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>Registers <see cref="QueueProcessor"/> and <see cref="QueueCleanupService"/> as hosted services (also
    /// resolvable directly), with <see cref="QueueOptions"/> bound from section "Queue" and validated at start.
    /// Requires the store (AddAegisStore) and an <see cref="ISyncWorkHandler"/> registration.</summary>
    public static IServiceCollection AddAegisQueue(this IServiceCollection services)
    {
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrashOptions>().BindConfiguration(TrashOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new RetryBackoff(Random.Shared));
        services.TryAddSingleton<RetryPolicy>();
        services.TryAddSingleton<QueueProcessorHeartbeat>();
        services.TryAddSingleton<QueueProcessor>();
        services.AddAegisCluster();
        services.TryAddSingleton<QueueCleanupService>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueProcessor>());
        services.AddHostedService(sp => sp.GetRequiredService<QueueCleanupService>());
        return services;
    }
}
