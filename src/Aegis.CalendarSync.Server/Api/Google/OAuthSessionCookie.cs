using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Aegis.CalendarSync.Connection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Binds an OAuth flow to the browser session that started it (RFC 9700 §4.7.1). <c>start</c> sets an HttpOnly,
/// SameSite=Lax cookie holding, sealed with this server's data-protection key, a random nonce, the user and the
/// SHA-256 of the state it issued; the callback proceeds only when that cookie is present and unexpired, names the
/// state the callback carries, and the signed-in user is that user. A consent link forwarded to another person
/// therefore completes nowhere but in the starter's own browser and session. Lax, not Strict: the callback is a
/// top-level navigation from Google's site, which a Strict cookie would not accompany.</summary>
public sealed class OAuthSessionCookie(IDataProtectionProvider dataProtection, IOptions<ConnectionOptions> options, TimeProvider time)
{
    public const string Name = "aegis.oauth";
    public const string Path = "/api/google/auth";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Aegis.CalendarSync.OAuthSessionBinding.v1");

    /// <summary>Sets the cookie for <paramref name="state"/>; a second start in the same browser replaces the first.</summary>
    public void Issue(HttpContext context, Guid userId, string state)
    {
        var lifetime = options.Value.StateLifetime;
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var sealedValue = _protector.Protect($"{nonce}|{userId:D}|{Hash(state)}|{expires}");
        context.Response.Cookies.Append(Name, sealedValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = Path,
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    /// <summary>True when the request carries the cookie <see cref="Issue"/> set for <paramref name="state"/>, unexpired,
    /// and is authenticated as the user it was set for. The cookie is spent either way.</summary>
    public bool Matches(HttpContext context, string? state)
    {
        var cookie = context.Request.Cookies[Name];
        context.Response.Cookies.Delete(Name, new CookieOptions { Path = Path, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax });
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(state) || !TryGetUserId(context.User, out var signedIn)) return false;

        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = payload.Split('|');
        return parts.Length == 4
            && Guid.TryParse(parts[1], out var userId) && userId == signedIn
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Hash(state)))
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    private static bool TryGetUserId(ClaimsPrincipal user, out Guid userId)
    {
        userId = Guid.Empty;
        return user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out userId);
    }

    private static string Hash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
