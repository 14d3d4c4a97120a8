using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Aegis.CalendarSync.Google.Auth;

/// <summary>RFC 7636 PKCE pair: keep <see cref="Verifier"/> server-side with the OAuth state, send
/// <see cref="Challenge"/> (method S256) in the authorize URL and the verifier in the code exchange.</summary>
internal sealed record PkceCodes(string Verifier, string Challenge)
{
    public const string Method = "S256";

    /// <summary>Verifier = base64url of 32 CSPRNG bytes (43 chars of [A-Za-z0-9-_], inside RFC 7636's 43..128).</summary>
    public static PkceCodes Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new PkceCodes(verifier, ChallengeFor(verifier));
    }

    /// <summary>BASE64URL(SHA256(ASCII(verifier))), no padding.</summary>
    public static string ChallengeFor(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
