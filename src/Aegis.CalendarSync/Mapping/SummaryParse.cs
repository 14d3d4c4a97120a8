namespace Aegis.CalendarSync.Mapping;

/// <summary>What a summary edited in Google says: the clean title, the amount when its amount part was read
/// (null: unchanged), and <see cref="Problem"/> when an amount part was there but could not be read (the amount
/// is then left unchanged and the user should be told).</summary>
public sealed record SummaryParse(string Title, decimal? Amount, string? Problem);
