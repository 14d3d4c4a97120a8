namespace GoogleCalendarEmulator.OAuth;

/// <summary>A validated authorize request waiting for the user's decision (or approved at once).</summary>
internal sealed record AuthorizationRequest(
    string ClientId,
    string RedirectUri,
    string Email,
    string Scope,
    string? State,
    bool Offline,
    bool ForceConsent,
    string? CodeChallenge,
    string CodeChallengeMethod);
