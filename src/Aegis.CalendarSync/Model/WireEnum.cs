using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Model;

/// <summary>Enum values as they appear on the wire: the same text the database stores (<see cref="EnumText"/>), which
/// is also what the API's JSON converter writes (snake_case, or a member's JsonStringEnumMemberName), so the API, the
/// UI and the columns can never spell a value differently.</summary>
public static class WireEnum
{
    public static string ToWire<T>(T value) where T : struct, Enum => EnumText<T>.ToText(value);

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum => EnumText<T>.TryParse(text, out value);

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
