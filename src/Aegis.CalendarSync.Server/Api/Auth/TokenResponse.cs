namespace Aegis.CalendarSync.Server.Api.Auth;

public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);
