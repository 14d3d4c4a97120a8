using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aegis.CalendarSync.Store.Signals;

/// <summary>LISTENs on <c>aegis_sync_queue</c> over a dedicated connection and turns every NOTIFY (from the
/// financial_events trigger or the queue store, on any node) into a local wake-up. The listener starts with the
/// first wait, reconnects after failures with capped exponential backoff, and raises one wake-up after each
/// (re)connect because notifications sent while disconnected are lost.</summary>
internal sealed class PostgresQueueSignal : InProcessQueueSignal, IAsyncDisposable, IDisposable
{
    public const string Channel = "aegis_sync_queue";
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresQueueSignal> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _listener;
    private readonly Lock _startLock = new();

    public PostgresQueueSignal(string connectionString, TimeProvider time, ILogger<PostgresQueueSignal> logger) : base(time)
    {
        // Keepalive makes a silently dropped connection fail (and reconnect) instead of waiting forever.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes once the first LISTEN is active (used by tests to avoid racing the subscription).</summary>
    public Task Listening => _listening.Task;

    public override Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        EnsureListening();
        return base.WaitAsync(timeout, ct);
    }

    /// <summary>Starts the listener without waiting (e.g. at host start).</summary>
    public void EnsureListening()
    {
        if (_listener is not null) return;
        lock (_startLock) _listener ??= Task.Run(() => ListenLoopAsync(_stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            try { await _listener.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task ListenLoopAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                connection.Notification += (_, _) => Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                failures = 0;
                _listening.TrySetResult();
                Notify();
                while (true) await connection.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures), MaxReconnectDelay.TotalSeconds));
                _logger.LogWarning(ex, "Queue LISTEN connection failed ({Failures} in a row); reconnecting in {Delay}", failures, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
        }
    }
}
