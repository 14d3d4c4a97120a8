namespace Aegis.CalendarSync.Connection;

/// <summary>Associated data bound into each encrypted token, so a ciphertext cannot be copied to another user or column.</summary>
public static class TokenContexts
{
    public static string Access(Guid userId) => $"google/{userId:N}/access_token";

    public static string Refresh(Guid userId) => $"google/{userId:N}/refresh_token";
}
