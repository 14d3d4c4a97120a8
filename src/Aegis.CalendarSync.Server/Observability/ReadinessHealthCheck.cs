using Aegis.CalendarSync.Application.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Adapts one <see cref="ReadinessQueries"/> condition to a health check. A condition that cannot be read
/// (the database is down) is unhealthy with the failure's type, not its message: messages can carry connection
/// details and the health endpoints are anonymous.</summary>
public sealed class ReadinessHealthCheck(ReadinessQueries readiness, Func<ReadinessQueries, CancellationToken, Task<ReadinessCheck>> condition)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var check = await condition(readiness, cancellationToken);
            return check.Ready ? HealthCheckResult.Healthy(check.Reason) : new HealthCheckResult(context.Registration.FailureStatus, check.Reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"could not be checked: {e.GetType().Name}", e);
        }
    }
}
