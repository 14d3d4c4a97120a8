using Aegis.CalendarSync.Application.Progress;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>One open stream: a snapshot, then a progress event whenever the feed reports a change the client has not
/// seen (new audit rows beyond the last sent id, or different counts/connection), and a heartbeat comment after each
/// quiet <see cref="RealtimeOptions.HeartbeatInterval"/>. Ends when the client disconnects or the host stops.</summary>
public sealed class ProgressStream(ISyncProgressReader reader, IOptions<RealtimeOptions> options, TimeProvider time)
{
    public const string SnapshotEvent = "snapshot";
    public const string ProgressEvent = "progress";

    private long _lastAuditId;
    private UserProgress? _lastProgress;

    public async Task RunAsync(HttpContext context, ProgressSubscription subscription, CancellationToken ct)
    {
        var settings = options.Value;
        var events = await ServerSentEventWriter.StartAsync(context, TimeSpan.FromSeconds(3), ct);
        await SendSnapshotAsync(events, subscription.UserId, ct);
        subscription.Start(_lastAuditId);

        while (true)
        {
            bool more;
            using (var quiet = new CancellationTokenSource(settings.HeartbeatInterval, time))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, quiet.Token))
            {
                try
                {
                    more = await subscription.Updates.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await events.WriteCommentAsync("heartbeat", ct);
                    continue;
                }
            }
            if (!more) return;
            if (subscription.TakeLagged())
            {
                while (subscription.Updates.TryRead(out _)) { }
                await SendSnapshotAsync(events, subscription.UserId, ct);
                continue;
            }
            await SendProgressAsync(events, subscription, ct);
        }
    }

    private async Task SendSnapshotAsync(ServerSentEventWriter events, Guid userId, CancellationToken ct)
    {
        var progress = (await reader.ReadProgressAsync([userId], ct))[userId];
        var activity = await reader.ReadLatestActivityAsync(userId, options.Value.SnapshotActivityCount, ct);
        _lastAuditId = Math.Max(_lastAuditId, activity.Count > 0 ? activity[0].Id : 0);
        _lastProgress = progress;
        await events.WriteEventAsync(SnapshotEvent, StreamPayload.Create(progress, activity, time.GetUtcNow()), ct);
    }

    /// <summary>Merges every buffered update into one event: the latest state and the unseen rows.</summary>
    private async Task SendProgressAsync(ServerSentEventWriter events, ProgressSubscription subscription, CancellationToken ct)
    {
        var fresh = new List<ActivityEntry>();
        var progress = _lastProgress;
        while (subscription.Updates.TryRead(out var update))
        {
            progress = update.Progress;
            fresh.AddRange(update.Activity.Where(a => a.Id > _lastAuditId));
        }
        if (progress is null || (fresh.Count == 0 && progress == _lastProgress)) return;
        if (fresh.Count > 0) _lastAuditId = fresh.Max(a => a.Id);
        _lastProgress = progress;
        var newestFirst = fresh.DistinctBy(a => a.Id).OrderByDescending(a => a.Id).ToList();
        await events.WriteEventAsync(ProgressEvent, StreamPayload.Create(progress, newestFirst, time.GetUtcNow()), ct);
    }
}
