using System.Globalization;

namespace Aegis.CalendarSync.Server.Components.Formatting;

/// <summary>A moment as the pages show it: the reader's short date and time, in UTC and saying so ("01.12.2026 19:20
/// UTC"): the server does not know the browser's time zone.</summary>
public static class UtcMoment
{
    public static string Format(DateTimeOffset at, CultureInfo culture) => at.UtcDateTime.ToString("g", culture) + " UTC";
}
