using GoogleCalendarEmulator.Hosting;

namespace GoogleCalendarEmulator.Quota;

/// <summary>
/// Google's Calendar API quotas: requests per minute per user per project and per minute per project, each an exact
/// sliding window over <see cref="TimeProvider"/> time. A project is the OAuth client that issued the access token. A
/// request is admitted by both windows or by neither (a refused request consumes nothing), decided under one lock.
/// Hand-written rather than System.Threading.RateLimiting's SlidingWindowRateLimiter: that limiter cannot hand a
/// permit back when the second window refuses, its segments advance on a Stopwatch timer or one segment per
/// TryReplenish call rather than on the injected clock, and its retry-after is a whole segment, not the exact wait.
/// </summary>
internal sealed class QuotaLedger(EmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Project, string User), SlidingWindowLog> _users = [];
    private readonly Dictionary<string, SlidingWindowLog> _projects = new(StringComparer.Ordinal);

    /// <summary>Admits one request of <paramref name="user"/> through <paramref name="project"/>, or returns the
    /// quota that refused it and how long until that quota admits one.</summary>
    public (QuotaScope Scope, TimeSpan RetryAfter)? TryAcquire(string project, string user)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var userKey = (project, user.ToLowerInvariant());
            if (!_users.TryGetValue(userKey, out var userWindow))
            {
                _users[userKey] = userWindow = new SlidingWindowLog(options.RequestsPerUserPerMinute);
            }

            if (!_projects.TryGetValue(project, out var projectWindow))
            {
                _projects[project] = projectWindow = new SlidingWindowLog(options.RequestsPerProjectPerMinute);
            }

            if (userWindow.WaitAt(now) is { } userWait && userWait > TimeSpan.Zero)
            {
                return (QuotaScope.User, userWait);
            }

            if (projectWindow.WaitAt(now) is { } projectWait && projectWait > TimeSpan.Zero)
            {
                return (QuotaScope.Project, projectWait);
            }

            userWindow.Admit(now);
            projectWindow.Admit(now);
            return null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _users.Clear();
            _projects.Clear();
        }
    }
}
