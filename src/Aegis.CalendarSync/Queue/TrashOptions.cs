using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Queue;

/// <summary>Section "Trash". Validated at start. Soft-deleted events stay restorable for <see cref="Retention"/>;
/// the clean-up job then removes those whose Google side is settled.</summary>
public sealed class TrashOptions
{
    public const string SectionName = "Trash";

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
