namespace Aegis.CalendarSync.Server.Components.Pages;

/// <summary>The occurrence list's form: the pressed button (<c>{status or move}|{original start}</c>) and the new
/// date typed for each occurrence (keyed by original start).</summary>
public sealed class OccurrenceActionForm
{
    public string? Op { get; set; }
    public Dictionary<string, DateOnly?>? MoveTo { get; set; }
}
