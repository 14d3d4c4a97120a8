using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>Read-only figures for the pages, the metrics and the health check, answered by the store.</summary>
public interface IDashboardReader
{
    /// <summary>The user's notices in one round trip: the disabled reason when sync is off, open conflicts and dead
    /// letters (exact counts).</summary>
    Task<AttentionNotices> ReadNoticesAsync(Guid userId, CancellationToken ct);

    /// <summary>The user's audit rows since <paramref name="since"/> counted per UTC hour (hours without rows absent):
    /// successes are changes carried across (sent to or deleted in Google, updated from or deleted after Google),
    /// failures are failed operations of the sync and the connection (not sign-ins or feed links), conflicts are
    /// conflicts detected.</summary>
    Task<IReadOnlyList<HourlyOutcomes>> ReadHourlyOutcomesAsync(Guid userId, DateTimeOffset since, CancellationToken ct);

    /// <summary>The propagation times the user's audit rows since <paramref name="since"/> recorded.</summary>
    Task<IReadOnlyList<PropagationSample>> ReadPropagationAsync(Guid userId, DateTimeOffset since, CancellationToken ct);

    /// <summary>The user's queue, connection and push channel now (<see cref="SyncHealth.None"/> figures for a user
    /// without settings).</summary>
    Task<SyncHealth> ReadSyncHealthAsync(Guid userId, CancellationToken ct);

    /// <summary>Queue items of all users by status (statuses without items are absent).</summary>
    Task<IReadOnlyDictionary<QueueStatus, long>> CountQueueByStatusAsync(CancellationToken ct);

    /// <summary>Users with sync enabled and connected whose push channel expired before <paramref name="now"/>
    /// (their Google changes arrive only with the next full sync until the channel is renewed).</summary>
    Task<long> CountExpiredChannelsAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Opens a connection and runs a trivial query; throws when the database is unreachable.</summary>
    Task PingAsync(CancellationToken ct);

    /// <summary>The engine's name as the store reports it ("sqlite" or "postgres").</summary>
    string DatabaseName { get; }
}
