using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Healthy when a store connection opens and answers <c>SELECT 1</c>.</summary>
public sealed class DatabaseHealthCheck(IDbConnectionFactory connections, SqlDialect dialect) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{dialect.Name} reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{dialect.Name} unreachable", e);
        }
    }
}
