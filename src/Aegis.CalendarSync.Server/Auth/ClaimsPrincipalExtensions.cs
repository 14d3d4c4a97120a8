using System.Security.Claims;

namespace Aegis.CalendarSync.Server.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated app user's id; every endpoint scopes its reads and writes by it.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not authenticated as an app user.");

    public static ClaimsPrincipal CreatePrincipal(Guid userId, string email, string scheme) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString("D")), new Claim(ClaimTypes.Name, email)],
            scheme));
}
