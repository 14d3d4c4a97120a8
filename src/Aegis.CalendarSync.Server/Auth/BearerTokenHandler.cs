using System.Text.Encodings.Web;
using Aegis.CalendarSync.Application.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed tokens in the store.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserAccounts users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length <= Prefix.Length)
            return AuthenticateResult.Fail("Authorization header is not a bearer token.");

        var userId = await tokens.ResolveAsync(header[Prefix.Length..].Trim(), Context.RequestAborted);
        if (userId is null) return AuthenticateResult.Fail("Unknown or expired token.");
        var user = await users.GetAsync(userId.Value, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The token's user no longer exists.");

        var principal = ClaimsPrincipalExtensions.CreatePrincipal(user.Id, user.Email, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
