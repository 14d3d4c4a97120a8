using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace GoogleCalendarEmulator.OAuth;

/// <summary>RFC 7636 proof key check: S256 compares BASE64URL(SHA256(verifier)) with the challenge, plain compares them directly.</summary>
internal static class Pkce
{
    public static bool IsValidMethod(string method) => method is "S256" or "plain";

    public static bool Verify(string challenge, string method, string verifier)
    {
        if (verifier.Length is < 43 or > 128 || !verifier.All(IsUnreserved))
        {
            return false;
        }

        var expected = method == "S256"
            ? WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
