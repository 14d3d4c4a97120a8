using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Model;

/// <summary>Enum values as they appear on the wire and in the database: snake_case (LastWriteWins → last_write_wins).
/// The same mapping the store uses, so the API, the UI and the columns can never spell a value differently.</summary>
public static class WireEnum
{
    public static string ToWire<T>(T value) where T : struct, Enum => EnumText<T>.ToText(value);

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum => EnumText<T>.TryParse(text, out value);

    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(ToWire));
}
