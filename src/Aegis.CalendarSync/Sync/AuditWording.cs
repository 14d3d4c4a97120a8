using System.Globalization;

namespace Aegis.CalendarSync.Sync;

/// <summary>Small wording helpers for the details the engine writes into audit rows.</summary>
internal static class AuditWording
{
    /// <summary>"1 change", "3 changes", "0 changes" (regular English plurals only).</summary>
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
