using System.Security.Cryptography;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>The Development demo account. Its password comes from DEMO_PASSWORD or is generated once into the data
/// folder, and is printed at start so a fresh checkout can sign in.</summary>
public static class DemoAccount
{
    public const string Email = "demo@example.com";
    public const string DisplayName = "Demo user";
    public const string PasswordKey = "DEMO_PASSWORD";

    public static bool IsValidPassword(string? password) => password is { Length: >= 12 };

    /// <summary>16 characters from an unambiguous alphabet (~92 bits).</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789", 16);
}
