namespace Aegis.CalendarSync.Google;

/// <summary>Whose Google account a call acts for: selects the access token (via <see cref="Auth.IAccessTokenProvider"/>)
/// and the rate-limit partition.</summary>
public readonly record struct GoogleAccount(Guid UserId);
