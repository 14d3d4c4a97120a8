namespace Aegis.CalendarSync.Google.Http;

/// <summary>Per-request values the handlers read; copied onto each retry attempt by the resilience handler.</summary>
internal static class GoogleRequestOptions
{
    public static readonly HttpRequestOptionsKey<Guid> UserId = new("Aegis.Google.UserId");

    /// <summary>Calls the request carries against the account's quota: a batch of n calls counts n (Google's rule).</summary>
    public static readonly HttpRequestOptionsKey<int> Cost = new("Aegis.Google.Cost");

    /// <summary>Refresh the access token before sending (a batch whose every call came back 401 is re-sent so).</summary>
    public static readonly HttpRequestOptionsKey<bool> RefreshFirst = new("Aegis.Google.RefreshFirst");

    public static Guid GetUserId(HttpRequestMessage request) =>
        request.Options.TryGetValue(UserId, out var userId)
            ? userId
            : throw new InvalidOperationException("Google API request has no account; send it through GoogleCalendarClient.");

    public static int GetCost(HttpRequestMessage request) =>
        request.Options.TryGetValue(Cost, out var cost) && cost > 1 ? cost : 1;
}
