using System.Security.Cryptography;
using System.Text;

namespace Aegis.CalendarSync.Security;

/// <summary>Comparison of secrets whose timing reveals nothing about the expected value.</summary>
public static class SecretComparer
{
    /// <summary>Compares SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>: hashing first makes
    /// the compared length constant, so not even the expected secret's length leaks. Null never matches.</summary>
    public static bool FixedTimeEquals(string? provided, string? expected)
    {
        if (provided is null || expected is null)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(provided), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
