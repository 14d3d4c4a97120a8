using System.Text.Json;

namespace Aegis.CalendarSync.Server.Api;

/// <summary>Enum values as they appear on the wire and in the database: snake_case (LastWriteWins → last_write_wins).</summary>
public static class WireEnum
{
    public static string ToWire<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(ToWire(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>An optional filter: blank text is no filter (true, null); otherwise the text must name a member.</summary>
    public static bool TryParseOptional<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!TryParse<T>(text, out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(ToWire));
}
