using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace GoogleCalendarEmulator.OAuth;

/// <summary>Unguessable opaque strings shaped like Google's (ya29.… access tokens, 1//… refresh tokens, 4/… codes).</summary>
internal static class SecureTokens
{
    public static string AccessToken() => "ya29." + Random(48);

    public static string RefreshToken() => "1//" + Random(48);

    public static string Code() => "4/" + Random(32);

    public static string Id() => Random(16);

    private static string Random(int bytes) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));
}
