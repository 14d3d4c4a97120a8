namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>CalendarListEntry</c> (calendarList.list): a calendar in the user's list with the user's role on it.</summary>
public sealed record CalendarListEntry
{
    public const string OwnerRole = "owner";
    public const string WriterRole = "writer";

    public string? Id { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public string? TimeZone { get; init; }
    /// <summary>none, freeBusyReader, reader, writer or owner.</summary>
    public string? AccessRole { get; init; }
    public bool? Primary { get; init; }

    /// <summary>True when the user may create, change and delete events in it (writer or owner).</summary>
    public bool IsWritable => AccessRole is OwnerRole or WriterRole;
}
