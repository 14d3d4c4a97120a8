namespace Aegis.CalendarSync.Store.Signals;

/// <summary>Auto-reset wake-up: <see cref="Notify"/> sets a flag that the next <see cref="WaitAsync"/> consumes, so a
/// notification raised while the processor is busy is not lost (its next wait returns at once); repeated
/// notifications collapse into one. The timeout runs on the injected clock; a timed-out wait never consumes a
/// notification (SemaphoreSlim either grants or withdraws a cancelled waiter, never both).</summary>
internal class InProcessQueueSignal(TimeProvider time) : IQueueSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public virtual async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        // An infinite wait arms no timer (the queue processor's: its own idle wait bounds the sleep).
        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutSource.Token);
        try
        {
            await _signal.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: the caller polls, which is the documented fallback.
        }
    }

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the pending wake-up covers this notification too.
        }
    }
}
