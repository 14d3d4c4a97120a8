namespace Aegis.CalendarSync.Connection;

/// <summary>An OAuth callback that must be refused (forged, replayed or expired state, denied consent, missing
/// verifier, invalid code). <see cref="Exception.Message"/> is safe to show to the user.</summary>
public sealed class OAuthCallbackException(string code, string message) : Exception(message)
{
    /// <summary>Machine-readable reason, e.g. invalid_state, state_expired, access_denied, invalid_grant.</summary>
    public string Code { get; } = code;
}
