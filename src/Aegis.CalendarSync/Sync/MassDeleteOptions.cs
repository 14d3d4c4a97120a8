using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Sync;

/// <summary>Section "Sync:MassDelete". Validated at start. One inbound sync whose deletions from Google exceed both
/// limits applies none of them: they are held for the user to decide.</summary>
public sealed class MassDeleteOptions
{
    public const string SectionName = "Sync:MassDelete";

    /// <summary>More deletions than this in one sync may be a mass delete (default 10).</summary>
    [Range(0, 1_000_000)]
    public int MaxCount { get; set; } = 10;

    /// <summary>...and more than this share of the user's synced events (0..1, default 0.2 = 20 %).</summary>
    [Range(0.0, 1.0)]
    public double MaxShare { get; set; } = 0.2;
}
