using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GoogleCalendarEmulator.Batch;

/// <summary>The response side of one call dispatched in-process: keeps the OnStarting callbacks (the request log
/// registers one) so they run once the call's status is final, as a server runs them before sending the status line.</summary>
internal sealed class BatchPartResponseFeature : IHttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public Stream Body { get; set; } = Stream.Null;
    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state)
    {
    }

    /// <summary>Runs the OnStarting callbacks once, last registered first (as Kestrel does).</summary>
    public async Task StartAsync()
    {
        if (HasStarted)
        {
            return;
        }

        HasStarted = true;
        for (var i = _starting.Count - 1; i >= 0; i--)
        {
            await _starting[i].Callback(_starting[i].State);
        }
    }
}
