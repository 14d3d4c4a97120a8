using System.Collections.Concurrent;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>This node's debounce of accepted pushes, one <see cref="PushWindow"/> per channel id (so several channels
/// of one user, one per calendar, keep windows of their own). The first push of a window writes at once (message
/// number and the coalesced from_google item in one transaction, <see cref="ISyncQueueStore.EnqueuePushedSyncAsync"/>);
/// every later push of the window costs no database work: it is remembered and written once, by
/// <see cref="FlushDueAsync"/>, when the window ends (<see cref="ConnectionOptions.PushDebounce"/> after it opened). So a
/// channel costs at most two write transactions (two commits) per window however many pushes arrive, and the queue's
/// coalescing turns them into one incremental sync per window.
/// <para>Why no push is lost, with several nodes: a push stands for a change Google made before sending it, and a
/// sync claimed after an enqueue write lists every change made before that write. The queue row gives that
/// guarantee whatever node writes or claims: an enqueue either joins the pending row (claimed later) or, when the
/// row is already claimed ("processing" on any node), inserts a new pending one, which the claim keeps behind the
/// running one (one more sync after it). So every push absorbed here is followed by a write no earlier than its
/// arrival: the window's flush. A push absorbed at node B while node A runs the sync is written by B's flush after
/// it arrived and thus leads to one more sync after A's. Only a sync that this node starts for the user (see
/// <see cref="SyncStarting"/>) closes its windows early: its list begins after every push absorbed so far, so those
/// need no write, and the next push opens a new window with a write of its own. A crash loses at most the pushes of
/// the open windows, as a push lost in transit would be: the next push or the next full sync recovers them.</para>
/// <para>Message numbers: a push numbered at or below the highest this node saw on the channel is a duplicate and
/// dropped; the database's number (advanced by every write, never lowered) still drops a duplicate that reaches a
/// node with no window open.</para></summary>
public sealed class PushWindows(ISyncQueueStore queue, PushChannelCache channels, IOptions<ConnectionOptions> options, TimeProvider time,
    ILogger<PushWindows> logger)
{
    /// <summary>How long a window's state (its highest message number) is kept after it closed with nothing to write.</summary>
    public static readonly TimeSpan IdleRetention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PushWindow> _windows = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _absorbed = new(0, 1);

    /// <summary>Accepts a push already validated against <paramref name="channel"/>. Returns
    /// <see cref="PushOutcome.Enqueued"/> (written now, or absorbed into the open window and written at its end) or
    /// <see cref="PushOutcome.DuplicateMessage"/>.</summary>
    public async Task<PushOutcome> AcceptAsync(CalendarSyncSettings channel, string channelId, long messageNumber, CancellationToken ct)
    {
        PushWindow window;
        PushAdmission admission;
        do
        {
            window = _windows.GetOrAdd(channelId, static (_, c) => new PushWindow(c.UserId, c.CalendarId), channel);
            admission = window.Accept(messageNumber, time.GetUtcNow(), options.Value.PushDebounce);
        }
        while (admission == PushAdmission.Stale);

        switch (admission)
        {
            case PushAdmission.Duplicate:
                return PushOutcome.DuplicateMessage;
            case PushAdmission.Absorbed:
                WakeFlush();
                return PushOutcome.Enqueued;
        }

        try
        {
            if (await queue.EnqueuePushedSyncAsync(window.UserId, channelId, messageNumber, window.CalendarId, options.Value.PushQueueDebounce,
                    onlyIfAdvanced: true, ct).ConfigureAwait(false))
                return PushOutcome.Enqueued;
            // The database matches the stored channel id: another node may have replaced this channel since it was cached.
            channels.Forget(channelId);
            return PushOutcome.DuplicateMessage;
        }
        catch
        {
            // Nothing was promised for this push: the next one writes again.
            window.WriteFailed(reopen: false);
            throw;
        }
        finally
        {
            window.WriteDone();
        }
    }

    /// <summary>A from_google sync of <paramref name="userId"/>'s <paramref name="calendarId"/> is starting on this
    /// node: its list covers every push absorbed so far by the windows of that calendar's channels, so they close with
    /// nothing to write. Windows of the user's other calendars stay open (that list does not cover them); a sync item
    /// naming no calendar closes only windows naming none, so at worst a window writes once more than needed.</summary>
    public void SyncStarting(Guid userId, string? calendarId)
    {
        foreach (var window in _windows.Values)
        {
            if (window.UserId == userId && string.Equals(window.CalendarId, calendarId, StringComparison.Ordinal)) window.Close();
        }
    }

    /// <summary>Writes every window that ended with pushes absorbed (one message-number advance and one coalesced
    /// enqueue each, in one transaction; the advance's answer is not needed: another node's higher number was written
    /// with an enqueue of its own no earlier than these pushes); a failed write is kept for the next flush. Forgets windows idle for
    /// <see cref="IdleRetention"/>. Returns the number of windows written.</summary>
    public async Task<int> FlushDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var written = 0;
        foreach (var (channelId, window) in _windows)
        {
            if (window.TryForget(now - IdleRetention))
            {
                _windows.TryRemove(new KeyValuePair<string, PushWindow>(channelId, window));
                continue;
            }

            if (window.TakeDue(now, options.Value.PushDebounce) is not { } messageNumber) continue;
            try
            {
                await queue.EnqueuePushedSyncAsync(window.UserId, channelId, messageNumber, window.CalendarId, options.Value.PushQueueDebounce,
                    onlyIfAdvanced: false, ct).ConfigureAwait(false);
                written++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                window.WriteFailed(reopen: true, messageNumber);
                logger.LogError(ex, "The pushes of channel {ChannelId} could not be enqueued; retried at the next flush", channelId);
            }
            finally
            {
                window.WriteDone();
            }
        }

        return written;
    }

    private void WakeFlush()
    {
        if (_absorbed.CurrentCount > 0) return;
        try
        {
            _absorbed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another push woke the flush loop first.
        }
    }

    /// <summary>When the earliest window with pushes to write ends; null when none has.</summary>
    public DateTimeOffset? NextFlushAt() =>
        _windows.Values.Select(w => w.PendingUntil).Where(at => at is not null).Min();

    /// <summary>Completes when a push is absorbed (the flush loop then recomputes its wait), or when
    /// <paramref name="timeout"/> passes.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var elapsed = timeout == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, delay.Token) : Task.Delay(timeout, time, delay.Token);
        var absorbed = _absorbed.WaitAsync(delay.Token);
        await Task.WhenAny(elapsed, absorbed).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }
}
