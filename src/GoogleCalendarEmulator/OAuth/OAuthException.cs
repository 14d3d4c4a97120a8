using GoogleCalendarEmulator.Json;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.OAuth;

/// <summary>An OAuth protocol error rendered as Google's token-endpoint error JSON.</summary>
internal sealed class OAuthException(string error, string description, int statusCode = 400) : Exception(description)
{
    public string Error { get; } = error;
    public int StatusCode { get; } = statusCode;

    public IResult ToResult() => Results.Json(new OAuthErrorResponse(Error, Message), GoogleJson.Options, statusCode: StatusCode);

    public static OAuthException ExpiredOrRevoked() => new("invalid_grant", "Token has been expired or revoked.");

    public static OAuthException InvalidGrant(string description = "Bad Request") => new("invalid_grant", description);

    public static OAuthException InvalidRequest(string description) => new("invalid_request", description);

    public static OAuthException InvalidClient() => new("invalid_client", "Unauthorized", 401);
}
