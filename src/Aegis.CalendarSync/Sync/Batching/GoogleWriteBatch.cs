using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Batch;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Sync.Batching;

/// <summary>Coalesces the event writes of a claimed batch's outbound items into Google batch requests. Every item of
/// the batch that writes waits; once every item not yet finished (<see cref="Finish"/>) is waiting for a write, the
/// waiting writes are sent: per account, up to <see cref="GoogleApiOptions.MaxCallsPerBatchRequest"/> in one
/// <see cref="IGoogleCalendarClient.ExecuteBatchAsync"/> request (the rate limiter reserves one permit per call, all of
/// a request's at once; the emulator and Google count each call), a single write as the plain call it is (no multipart
/// wrapper; the client's own retries of a transient failure apply as they always did). An account's larger group is
/// split into requests of at most that many calls, sent one after another and paced by the rate limiter (a request never carries more calls
/// than the limiter's burst, so no second sees more calls than the budget allows). Writes to several calendars of an
/// account share its requests (each call names its calendar). Each write gets its own result: the event, or the
/// typed exception the plain call would have thrown, so every item goes on through the same rules as an unbatched
/// push (conflict on 412, recreate on 404/410, adopt on 409, queue retry on 429/5xx), and no item ever fails
/// because another one did. A failure of the batch request itself is each of its writes' failure.</summary>
internal sealed class GoogleWriteBatch
{
    private static readonly AsyncLocal<GoogleWriteBatch?> Ambient = new();
    private readonly Lock _gate = new();
    private readonly IGoogleCalendarClient _google;
    private readonly int _maxCallsPerRequest;
    private readonly CancellationToken _ct;
    private List<PendingWrite> _waiting = [];
    private int _running;

    private GoogleWriteBatch(IGoogleCalendarClient google, int items, int maxCallsPerRequest, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCallsPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCallsPerRequest, GoogleCalendarClient.MaxBatchCalls);
        _google = google;
        _maxCallsPerRequest = maxCallsPerRequest;
        _running = items;
        _ct = ct;
    }

    /// <summary>The batch the calling flow's writes join, if any.</summary>
    public static GoogleWriteBatch? Current => Ambient.Value;

    /// <summary>Starts a batch of <paramref name="items"/> items for the calling async flow (and the flows it starts)
    /// until disposed; each item's handler calls <see cref="Finish"/> exactly once when it ends (writes are waited for
    /// until every unfinished item waits, so an item that never finished would hold the others until cancellation).
    /// Requests carry at most <paramref name="maxCallsPerRequest"/> calls and are sent under <paramref name="ct"/>.</summary>
    public static IDisposable Begin(IGoogleCalendarClient google, int items, int maxCallsPerRequest, CancellationToken ct)
    {
        var previous = Ambient.Value;
        Ambient.Value = new GoogleWriteBatch(google, items, maxCallsPerRequest, ct);
        return new Restore(() => Ambient.Value = previous);
    }

    /// <summary>The calling item's handler will write no more; dispose when it ends.</summary>
    public IDisposable Finish() => new Restore(Leave);

    /// <summary>Writes <paramref name="call"/> with the batch's next request; the written event (null for a delete).</summary>
    public async Task<GoogleEvent?> WriteAsync(GoogleAccount account, GoogleBatchOperation call, CancellationToken ct)
    {
        var write = new PendingWrite(account, call);
        List<PendingWrite>? ready;
        lock (_gate)
        {
            _waiting.Add(write);
            ready = TakeWhenAllWait();
        }

        Send(ready);
        try
        {
            return await write.Result.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            lock (_gate)
            {
                ready = _waiting.Remove(write) ? TakeWhenAllWait() : null;
            }

            Send(ready);
            throw;
        }
    }

    private void Leave()
    {
        List<PendingWrite>? ready;
        lock (_gate)
        {
            _running--;
            ready = TakeWhenAllWait();
        }

        Send(ready);
    }

    /// <summary>Under the lock: every running item is waiting, so no other write can join; takes the waiting writes.</summary>
    private List<PendingWrite>? TakeWhenAllWait()
    {
        if (_waiting.Count == 0 || _waiting.Count < _running) return null;
        var ready = _waiting;
        _waiting = [];
        return ready;
    }

    private void Send(List<PendingWrite>? ready)
    {
        if (ready is not null) _ = Task.Run(() => SendAsync(ready), CancellationToken.None);
    }

    /// <summary>Sends per account (accounts side by side), each account's writes in requests of up to the per-request
    /// limit one after another, each after the rate limiter's permits for all its calls (so an account's requests take
    /// consecutive slots of its budget, in order); never throws: every write's result or failure is set on it.</summary>
    private async Task SendAsync(List<PendingWrite> ready)
    {
        var accounts = ready.GroupBy(w => w.Account.UserId).Select(async account =>
        {
            foreach (var request in account.Chunk(_maxCallsPerRequest))
            {
                await SendRequestAsync(request).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(accounts).ConfigureAwait(false);
    }

    private async Task SendRequestAsync(PendingWrite[] writes)
    {
        try
        {
            if (writes is [var single])
            {
                single.Result.TrySetResult(await GoogleWrites.SendAsync(_google, single.Account, single.Call, _ct).ConfigureAwait(false));
                return;
            }

            var results = await _google.ExecuteBatchAsync(writes[0].Account, [.. writes.Select(w => w.Call)], _ct).ConfigureAwait(false);
            for (var i = 0; i < writes.Length; i++)
            {
                if (results[i].Error is { } error) writes[i].Result.TrySetException(error);
                else writes[i].Result.TrySetResult(results[i].Event);
            }
        }
        catch (Exception ex)
        {
            foreach (var write in writes) write.Result.TrySetException(ex);
        }
    }

    private sealed class PendingWrite(GoogleAccount account, GoogleBatchOperation call)
    {
        public GoogleAccount Account { get; } = account;
        public GoogleBatchOperation Call { get; } = call;
        public TaskCompletionSource<GoogleEvent?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Restore(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) action();
        }
    }
}
