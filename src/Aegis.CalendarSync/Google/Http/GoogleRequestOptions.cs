namespace Aegis.CalendarSync.Google.Http;

/// <summary>Per-request values the handlers read; copied onto each retry attempt by the resilience handler.</summary>
internal static class GoogleRequestOptions
{
    public static readonly HttpRequestOptionsKey<Guid> UserId = new("Aegis.Google.UserId");

    public static Guid GetUserId(HttpRequestMessage request) =>
        request.Options.TryGetValue(UserId, out var userId)
            ? userId
            : throw new InvalidOperationException("Google API request has no account; send it through GoogleCalendarClient.");
}
