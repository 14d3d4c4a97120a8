using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>Read-only figures for the pages, the metrics and the health check, answered by the store.</summary>
public interface IDashboardReader
{
    /// <summary>The user's notices in one round trip: the disabled reason when sync is off, open conflicts and dead
    /// letters (exact counts).</summary>
    Task<AttentionNotices> ReadNoticesAsync(Guid userId, CancellationToken ct);

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
