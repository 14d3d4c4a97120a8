using Microsoft.AspNetCore.Http;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>A token endpoint that holds every request until <see cref="Release"/>, so tests can line callers up on
/// one in-flight refresh; <see cref="Requested"/> completes when the first request arrives.</summary>
internal sealed class GatedTokenEndpoint(string accessToken)
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task Requested => _requested.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Release() => _release.SetResult();

    public async Task RespondAsync(HttpContext context, RecordedRequest _)
    {
        Interlocked.Increment(ref _count);
        _requested.TrySetResult();
        await _release.Task;
        await GoogleResponses.Token(context, accessToken);
    }
}
