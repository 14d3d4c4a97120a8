using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar a connection syncs into. The choice made before is kept when the same account reconnects and
/// the calendar is still there; a new connection (first connect, another account, the calendar gone) gets the
/// configured default (<see cref="ConnectionOptions.NewConnectionCalendar"/>): by default a calendar of Aegis's own,
/// marked for import, so the primary calendar's meetings and birthdays never become money records. A calendar that must
/// be created is created only at the user's go-ahead for the first sync (the preview before it writes nothing).</summary>
public sealed class ConnectionCalendar(IGoogleCalendarClient google, IOptions<ConnectionOptions> options)
{
    /// <summary><paramref name="settings"/> with the calendar (and its import marking) a connection to the account
    /// owning <paramref name="calendars"/> syncs into. Nothing is written to Google: a dedicated calendar that does not
    /// exist yet is named in <see cref="CalendarSyncSettings.PendingCalendarName"/>, for <see cref="CreatePendingAsync"/>
    /// to create at the user's go-ahead.</summary>
    public CalendarSyncSettings Choose(CalendarSyncSettings settings, string? previousEmail, string email,
        IReadOnlyList<CalendarListEntry> calendars)
    {
        var anotherAccount = previousEmail is not null && !string.Equals(previousEmail, email, StringComparison.OrdinalIgnoreCase);
        var neverSynced = previousEmail is null && settings.LastFullSyncAt is null;
        var chosenIsGone = settings.CalendarId != "primary" && !calendars.Any(c => c.IsWritable && c.Id == settings.CalendarId);
        if (!anotherAccount && !neverSynced && !chosenIsGone)
        {
            // The same account again: the calendar chosen before, or the dedicated one still to be created at Start.
            return settings;
        }

        if (options.Value.NewConnectionCalendar == NewConnectionCalendar.Primary)
        {
            return settings with
            {
                CalendarId = "primary", PendingCalendarName = null,
                ImportForeignEvents = !anotherAccount && !chosenIsGone && settings.ImportForeignEvents,
            };
        }

        var name = options.Value.DedicatedCalendarName;
        return FindDedicated(calendars, name) is { } id
            ? settings with { CalendarId = id, ImportForeignEvents = true, PendingCalendarName = null }
            : settings with { PendingCalendarName = name, ImportForeignEvents = true };
    }

    /// <summary>The calendar to sync at the user's go-ahead: <see cref="CalendarSyncSettings.CalendarId"/>, or the
    /// pending dedicated calendar, found by name among the account's own calendars or created now (calendars.insert).</summary>
    public async Task<string> CreatePendingAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        if (settings.PendingCalendarName is not { } name)
        {
            return settings.CalendarId;
        }

        var account = new GoogleAccount(settings.UserId);
        var calendars = await google.ListCalendarsAsync(account, ct).ConfigureAwait(false);
        return FindDedicated(calendars, name)
            ?? await CreateAsync(settings.UserId, name, calendars.FirstOrDefault(c => c.Primary == true)?.TimeZone, ct).ConfigureAwait(false);
    }

    private static string? FindDedicated(IReadOnlyList<CalendarListEntry> calendars, string name) =>
        calendars.FirstOrDefault(c => c.AccessRole == CalendarListEntry.OwnerRole && c.Primary != true && c.Summary == name)?.Id;

    private async Task<string> CreateAsync(Guid userId, string name, string? timeZone, CancellationToken ct)
    {
        var created = await google.InsertCalendarAsync(new GoogleAccount(userId),
            new GoogleCalendar { Summary = name, Description = "Financial events synced by Aegis.", TimeZone = timeZone }, ct).ConfigureAwait(false);
        return created.Id ?? throw new GoogleApiException(System.Net.HttpStatusCode.BadGateway, null, "calendars.insert returned no id.");
    }
}
