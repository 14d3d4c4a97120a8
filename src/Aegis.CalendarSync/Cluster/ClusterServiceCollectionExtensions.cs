using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.CalendarSync.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>This node's identity and the <see cref="SingletonJobRunner"/>, with <see cref="ClusterOptions"/> bound
    /// from section "Cluster" and validated at start. Requires the store (AddAegisStore).</summary>
    public static IServiceCollection AddAegisCluster(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NodeIdentity>();
        services.TryAddSingleton<SingletonJobRunner>();
        return services;
    }
}
