namespace GoogleCalendarEmulator.Pipeline;

/// <summary>Endpoint metadata naming a Google API method (e.g. "events.insert") and whether it needs a bearer token.</summary>
internal sealed record ApiOperation(string Name, bool RequiresBearerToken);
