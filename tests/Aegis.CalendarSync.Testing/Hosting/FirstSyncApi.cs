using System.Net;
using Xunit;

namespace Aegis.CalendarSync.Testing.Hosting;

/// <summary>The user's go-ahead for a new connection's first sync over the server's API (every connect waits for it):
/// the one place the connect helpers press Start.</summary>
public static class FirstSyncApi
{
    /// <summary>POST /api/sync/preview/start as <paramref name="client"/> (bearer or cookie session); asserts 202.</summary>
    public static async Task StartAsync(HttpClient client, CancellationToken ct = default)
    {
        using var response = await client.PostAsync("api/sync/preview/start", content: null, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
