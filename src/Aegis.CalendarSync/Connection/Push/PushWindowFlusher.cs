using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>Runs <see cref="PushWindows.FlushDueAsync"/> when the earliest window with absorbed pushes ends (woken by
/// the first push a window absorbs; idle otherwise, except for a sweep of forgotten windows once per
/// <see cref="PushWindows.IdleRetention"/>). Tests call the flush directly.</summary>
internal sealed class PushWindowFlusher(PushWindows windows, TimeProvider time, ILogger<PushWindowFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = windows.NextFlushAt() is { } at ? Max(at - time.GetUtcNow(), TimeSpan.Zero) : PushWindows.IdleRetention;
                if (wait > TimeSpan.Zero) await windows.WaitForWorkAsync(wait, stoppingToken).ConfigureAwait(false);
                await windows.FlushDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Flushing debounced pushes failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
