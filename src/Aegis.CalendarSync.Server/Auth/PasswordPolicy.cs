namespace Aegis.CalendarSync.Server.Auth;

/// <summary>The rules every new password meets (the admin CLI and sign-up): 12 to 256 characters, not only
/// whitespace, and not the account's email. Returns the sentence to show, or null when acceptable.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    public static string? Check(string? password, string? email)
    {
        if (string.IsNullOrWhiteSpace(password)) return "A password is required.";
        if (password.Length < MinLength) return $"The password must be at least {MinLength} characters.";
        if (password.Length > MaxLength) return $"The password must be at most {MaxLength} characters.";
        if (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            return "The password must not be the email address.";
        return null;
    }
}
