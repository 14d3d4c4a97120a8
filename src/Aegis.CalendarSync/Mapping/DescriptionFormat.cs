namespace Aegis.CalendarSync.Mapping;

/// <summary>Google description = the user's description, a blank line, then <see cref="Footer"/>; inbound the
/// footer is removed again (wherever the user left it at the end).</summary>
internal static class DescriptionFormat
{
    public const string Footer = "— Synced from Aegis. Amount, currency and type are managed in the Aegis app.";

    public static string Format(string? description) =>
        string.IsNullOrWhiteSpace(description) ? Footer : $"{description.TrimEnd()}\n\n{Footer}";

    /// <summary>The user's part of a Google description; null when only the footer (or nothing) is left.</summary>
    public static string? Extract(string? googleDescription)
    {
        if (googleDescription is null)
        {
            return null;
        }

        var text = googleDescription.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        if (text.EndsWith(Footer, StringComparison.Ordinal))
        {
            text = text[..^Footer.Length].TrimEnd();
        }

        return text.Length == 0 ? null : text;
    }
}
