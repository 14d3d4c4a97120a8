using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar a connection syncs into. The choice made before is kept when the same account reconnects and
/// the calendar is still there; a new connection (first connect, another account, the calendar gone) gets the
/// configured default (<see cref="ConnectionOptions.NewConnectionCalendar"/>): by default a calendar of Aegis's own,
/// marked for import, so the primary calendar's meetings and birthdays never become money records.</summary>
public sealed class ConnectionCalendar(IGoogleCalendarClient google, IOptions<ConnectionOptions> options)
{
    /// <summary><paramref name="settings"/> with the calendar (and its import marking) a connection to the account
    /// owning <paramref name="calendars"/> syncs into; creates the dedicated calendar when there is none.</summary>
    public async Task<CalendarSyncSettings> ChooseAsync(CalendarSyncSettings settings, string? previousEmail, string email,
        IReadOnlyList<CalendarListEntry> calendars, CancellationToken ct)
    {
        var anotherAccount = previousEmail is not null && !string.Equals(previousEmail, email, StringComparison.OrdinalIgnoreCase);
        var neverSynced = previousEmail is null && settings.LastFullSyncAt is null;
        var chosenIsGone = settings.CalendarId != "primary" && !calendars.Any(c => c.IsWritable && c.Id == settings.CalendarId);
        if (!anotherAccount && !neverSynced && !chosenIsGone)
        {
            return settings;
        }

        if (options.Value.NewConnectionCalendar == NewConnectionCalendar.Primary)
        {
            return settings with { CalendarId = "primary", ImportForeignEvents = !anotherAccount && !chosenIsGone && settings.ImportForeignEvents };
        }

        var name = options.Value.DedicatedCalendarName;
        var id = calendars.FirstOrDefault(c => c.AccessRole == CalendarListEntry.OwnerRole && c.Primary != true && c.Summary == name)?.Id
            ?? await CreateAsync(settings.UserId, name, calendars.FirstOrDefault(c => c.Primary == true)?.TimeZone, ct).ConfigureAwait(false);
        return settings with { CalendarId = id, ImportForeignEvents = true };
    }

    private async Task<string> CreateAsync(Guid userId, string name, string? timeZone, CancellationToken ct)
    {
        var created = await google.InsertCalendarAsync(new GoogleAccount(userId),
            new GoogleCalendar { Summary = name, Description = "Financial events synced by Aegis.", TimeZone = timeZone }, ct).ConfigureAwait(false);
        return created.Id ?? throw new GoogleApiException(System.Net.HttpStatusCode.BadGateway, null, "calendars.insert returned no id.");
    }
}
