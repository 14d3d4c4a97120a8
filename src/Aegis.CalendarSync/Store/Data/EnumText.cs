using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Enum members as the text stored in the database: snake_case (LastWriteWins -> last_write_wins), or the
/// member's <see cref="JsonStringEnumMemberName"/> when it has one, so the JSON wire value and the stored value agree.</summary>
internal static class EnumText<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ToTextMap =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, TextOf);

    private static readonly FrozenDictionary<string, T> FromTextMap =
        ToTextMap.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToText(T value) => ToTextMap[value];

    public static T Parse(string text) => FromTextMap.TryGetValue(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a stored {typeof(T).Name} value.");

    public static bool TryParse(string? text, out T value) => FromTextMap.TryGetValue(text ?? "", out value);

    private static string TextOf(T value)
    {
        var name = value.ToString();
        return typeof(T).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    }
}

/// <summary>The text of enum members as the database and the API hold them (see <see cref="EnumText{T}"/>).</summary>
internal static class EnumText
{
    public static string ToText<T>(T value) where T : struct, Enum => EnumText<T>.ToText(value);
    public static string? ToText<T>(T? value) where T : struct, Enum => value is { } v ? EnumText<T>.ToText(v) : null;
    public static T Parse<T>(string text) where T : struct, Enum => EnumText<T>.Parse(text);
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum => EnumText<T>.TryParse(text, out value);
}
