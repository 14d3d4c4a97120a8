using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>A test seam on the engine's Google Calendar HttpClient: once <see cref="Arm"/>ed, the first call whose path
/// ends with the given suffix is held (after <see cref="FirstHeld"/> completes) until <see cref="Release"/>; later
/// matching calls pass and complete <see cref="LaterCallArrived"/>. Lets a test force an interleaving of two
/// operations without sleeps: every call still goes over real HTTP to the emulator. With <paramref name="method"/>, only
/// calls of that method match (an insert, not the list on the same path).</summary>
public sealed class GoogleCallGate(string pathSuffix, HttpMethod? method = null)
{
    /// <summary>The name AddHttpClient gives the engine's typed Google Calendar client.</summary>
    private const string CalendarClientName = "IGoogleCalendarClient";

    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _later = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _seen;

    public Task FirstHeld => _held.Task;

    public Task LaterCallArrived => _later.Task;

    /// <summary>Adds the gate to the engine's services (use as <see cref="SyncHarnessOptions.ConfigureServices"/>).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddHttpClient(CalendarClientName).AddHttpMessageHandler(() => new Handler(this));

    /// <summary>From now on, matching calls are held or counted; before, they pass untouched.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    public void Release() => _release.TrySetResult();

    private async Task BeforeSendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (Volatile.Read(ref _armed) == 0 || request.RequestUri?.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal) != true
            || (method is not null && request.Method != method))
        {
            return;
        }

        if (Interlocked.Increment(ref _seen) == 1)
        {
            _held.TrySetResult();
            await _release.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        else
        {
            _later.TrySetResult();
        }
    }

    private sealed class Handler(GoogleCallGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.BeforeSendAsync(request, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
