using Aegis.CalendarSync.Application.Dashboard;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Healthy when the store opens a connection and answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(IDashboardReader store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{store.DatabaseName} reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.DatabaseName} unreachable", e);
        }
    }
}
