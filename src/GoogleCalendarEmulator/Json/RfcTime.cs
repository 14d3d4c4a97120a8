using System.Globalization;

namespace GoogleCalendarEmulator.Json;

/// <summary>RFC 3339 formatting as Google emits it: UTC with milliseconds, e.g. 2026-11-30T10:00:00.000Z.</summary>
internal static class RfcTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 timestamp that carries an explicit offset (Z or ±hh:mm).</summary>
    public static bool TryParseWithOffset(string? text, out DateTimeOffset value)
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && HasExplicitOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static bool HasExplicitOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        // ±hh:mm suffix after the time part.
        return text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':' && text.IndexOf('T', StringComparison.OrdinalIgnoreCase) > 0;
    }
}
