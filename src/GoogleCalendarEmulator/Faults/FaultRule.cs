namespace GoogleCalendarEmulator.Faults;

/// <summary>Fails the next <see cref="Count"/> matching requests with <see cref="Status"/>.</summary>
public sealed record FaultRule(int Count, int Status, string? Reason = null, string? Method = null, string? PathContains = null, int? RetryAfterSeconds = null)
{
    internal bool Matches(string method, string path) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Fails each request with probability <see cref="Rate"/>, reproducibly from <see cref="Seed"/>.</summary>
public sealed record RandomFaultRule(double Rate, int Seed, int Status);

/// <summary>The next <see cref="Count"/> matching requests are carried out (the change is committed) but their answer is
/// held for <see cref="DelayMilliseconds"/>: a client with a shorter timeout sees a timeout for a write that happened,
/// the case deterministic ids and idempotent retries exist for.</summary>
public sealed record LostResponseRule(int Count, int DelayMilliseconds, string? Method = null, string? PathContains = null)
{
    internal bool Matches(string method, string path) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase));
}
