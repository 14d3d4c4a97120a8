namespace Aegis.CalendarSync.Application.Health;

/// <summary>One readiness condition: whether it holds, and a sentence an operator can act on (no secrets, no user
/// data beyond counts).</summary>
public sealed record ReadinessCheck(bool Ready, string Reason)
{
    public static ReadinessCheck Pass(string reason) => new(true, reason);

    public static ReadinessCheck Fail(string reason) => new(false, reason);
}
