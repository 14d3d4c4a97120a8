using Aegis.CalendarSync.Application.Progress;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>The single in-process change feed behind every live stream of this node. Each
/// <see cref="RealtimeOptions.PollInterval"/> it reads the queue counts, connection state and new audit rows of all
/// users with an open stream in two batched round trips (none while nobody is connected) and hands each user's
/// changes to that user's subscriptions only.
/// <para>Trade-off against polling per connection: database load grows with the poll rate, not with the number of
/// open streams, at the price of this shared state. Across nodes each node serves its own streams from the shared
/// database, so a change made on any node (or by the queue processor anywhere) reaches every node's clients within
/// one interval; no cross-node messaging is needed.</para>
/// <para>Audit rows are followed by id. A row whose transaction commits after a higher id was already read (two
/// concurrent writers on PostgreSQL) is not streamed; it still appears in the next snapshot and in the audit log.</para></summary>
public sealed class SyncProgressFeed(
    ISyncProgressReader reader,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<SyncProgressFeed> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, UserWatch> _users = [];
    // Highest audit id read so far; null while nobody is connected (it then restarts from the first snapshots).
    private long? _cursor;
    private long _generation;

    /// <summary>Registers a stream for the user, or returns null when the user already has
    /// <see cref="RealtimeOptions.MaxStreamsPerUser"/> open. Dispose the subscription when the stream ends.</summary>
    public ProgressSubscription? TrySubscribe(Guid userId)
    {
        var settings = options.Value;
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var watch)) _users[userId] = watch = new UserWatch();
            if (watch.Subscriptions.Count >= settings.MaxStreamsPerUser) return null;
            var subscription = new ProgressSubscription(userId, settings.StreamBufferCapacity, Unsubscribe);
            watch.Subscriptions.Add(subscription);
            return subscription;
        }
    }

    private void Unsubscribe(ProgressSubscription subscription)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(subscription.UserId, out var watch)) return;
            watch.Subscriptions.Remove(subscription);
            if (watch.Subscriptions.Count == 0) _users.Remove(subscription.UserId);
            if (_users.Count > 0) return;
            _cursor = null;
            _generation++;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // A full page means more rows are waiting: read on at once instead of one page per interval.
                    while (await PollAsync(stoppingToken)) { }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live progress poll failed; retrying next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Open streams end now rather than holding the server's graceful shutdown open.
            lock (_gate)
            {
                foreach (var subscription in _users.Values.SelectMany(w => w.Subscriptions)) subscription.Complete();
            }
        }
    }

    /// <summary>One read for all watched users; true when the activity page was full.</summary>
    private async Task<bool> PollAsync(CancellationToken ct)
    {
        var limit = options.Value.MaxActivityPerPoll;
        Guid[] userIds;
        long? after;
        long generation;
        lock (_gate)
        {
            if (_users.Count == 0) return false;
            userIds = [.. _users.Keys];
            generation = _generation;
            var subscriptions = _users.Values.SelectMany(w => w.Subscriptions).ToList();
            // Until every stream has its snapshot, the lowest snapshot id is unknown; counts are still read.
            _cursor ??= subscriptions.All(s => s.StartAuditId is not null) ? subscriptions.Min(s => s.StartAuditId) : null;
            after = _cursor;
        }

        var progress = await reader.ReadProgressAsync(userIds, ct);
        var activity = after is { } cursor ? await reader.ReadActivityAfterAsync(userIds, cursor, limit, ct) : [];
        var activityByUser = activity.GroupBy(a => a.UserId).ToDictionary(g => g.Key, g => g.Select(a => a.Entry).ToList());

        lock (_gate)
        {
            if (generation != _generation) return false;
            if (activity.Count > 0) _cursor = Math.Max(_cursor ?? 0, activity[^1].Entry.Id);
            foreach (var (userId, watch) in _users)
            {
                if (!progress.TryGetValue(userId, out var current)) continue;
                var rows = activityByUser.GetValueOrDefault(userId) ?? [];
                if (rows.Count == 0 && current == watch.LastPublished) continue;
                watch.LastPublished = current;
                var update = new ProgressUpdate(current, rows);
                foreach (var subscription in watch.Subscriptions) subscription.Publish(update);
            }
        }
        return activity.Count >= limit;
    }

    private sealed class UserWatch
    {
        public List<ProgressSubscription> Subscriptions { get; } = [];

        public UserProgress? LastPublished { get; set; }
    }
}
