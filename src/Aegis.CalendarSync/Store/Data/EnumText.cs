using System.Collections.Frozen;
using System.Text.Json;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Enum members as the snake_case text stored in the database (LastWriteWins -> last_write_wins).</summary>
internal static class EnumText<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ToTextMap =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, T> FromTextMap =
        ToTextMap.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToText(T value) => ToTextMap[value];

    public static bool TryParse(string? text, out T value)
    {
        if (text is not null && FromTextMap.TryGetValue(text, out value)) return true;
        value = default;
        return false;
    }

    public static T Parse(string text) => FromTextMap.TryGetValue(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a stored {typeof(T).Name} value.");
}

internal static class EnumText
{
    public static string ToText<T>(T value) where T : struct, Enum => EnumText<T>.ToText(value);
    public static T Parse<T>(string text) where T : struct, Enum => EnumText<T>.Parse(text);
}
