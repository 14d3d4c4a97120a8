using System.Net;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.OAuth;

/// <summary>Minimal HTML pages standing in for Google's account chooser/consent screen and its error pages.</summary>
internal static class ConsentPage
{
    public const string DecisionPath = "/o/oauth2/v2/auth/consent";

    public static IResult Render(string requestId, AuthorizationRequest request)
    {
        var email = WebUtility.HtmlEncode(request.Email);
        var client = WebUtility.HtmlEncode(request.ClientId);
        var scopes = string.Join("", request.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => $"<li>{WebUtility.HtmlEncode(s)}</li>"));
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in - Google Accounts (emulator)</title></head>
            <body>
            <h1>{client} wants to access your Google Account</h1>
            <p id="account">{email}</p>
            <ul id="scopes">{scopes}</ul>
            <form method="post" action="{DecisionPath}">
              <input type="hidden" name="request_id" value="{WebUtility.HtmlEncode(requestId)}">
              <button type="submit" name="decision" value="deny" id="deny">Deny</button>
              <button type="submit" name="decision" value="allow" id="allow">Allow</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public static IResult Error(string error, string description) =>
        Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Error 400: {WebUtility.HtmlEncode(error)}</title></head>
            <body><h1>Access blocked: authorization error</h1><p id="error">Error 400: {WebUtility.HtmlEncode(error)}</p>
            <p>{WebUtility.HtmlEncode(description)}</p></body></html>
            """,
            "text/html; charset=utf-8",
            statusCode: 400);
}
