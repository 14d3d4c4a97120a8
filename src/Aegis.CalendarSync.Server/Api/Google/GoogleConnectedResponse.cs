namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Answer of the OAuth callback to an API client (browsers are redirected to the UI instead).</summary>
public sealed record GoogleConnectedResponse(bool Connected);
