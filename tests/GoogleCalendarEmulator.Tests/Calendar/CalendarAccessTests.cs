using System.Net;
using GoogleCalendarEmulator.State;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Calendar;

/// <summary>Calendars shared with the account under a role: calendarList reports the role, and API writes to a calendar
/// the account can only read are refused the way Google refuses them.</summary>
public sealed class CalendarAccessTests : CalendarApiTestBase
{
    private const string RequiredAccessLevel =
        """{"error":{"errors":[{"domain":"calendar","reason":"requiredAccessLevel","message":"You need to have writer access to this calendar."}],"code":403,"message":"You need to have writer access to this calendar."}}""";

    [Fact]
    public async Task Calendar_list_reports_the_role_of_each_shared_calendar()
    {
        var reader = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Holidays", CalendarAccessRoles.Reader);
        var writer = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Family", CalendarAccessRoles.Writer);

        var list = await Api.SendAsync(HttpMethod.Get, "calendar/v3/users/me/calendarList", null);

        var roles = list.Json!["items"]!.AsArray().ToDictionary(i => (string)i!["id"]!, i => (string)i!["accessRole"]!);
        Assert.Equal(CalendarAccessRoles.Owner, roles[EmulatorSession.Email]);
        Assert.Equal(CalendarAccessRoles.Reader, roles[reader.Id]);
        Assert.Equal(CalendarAccessRoles.Writer, roles[writer.Id]);
    }

    [Fact]
    public async Task Writes_to_a_read_only_calendar_are_refused_while_reads_and_watch_succeed()
    {
        var reader = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Holidays", CalendarAccessRoles.Reader);
        var existing = await Emulator.Admin.CreateEventAsPersonAsync(EmulatorSession.Email, reader.Id, new GoogleCalendarEmulator.Calendar.Model.CalendarEvent
        {
            Summary = "Bank holiday",
            Start = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = "2026-12-25" },
            End = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = "2026-12-26" },
        });
        var path = $"calendar/v3/calendars/{Uri.EscapeDataString(reader.Id)}/events";

        var insert = await Api.InsertAsync(Events.Timed("mine"), reader.Id);
        var update = await Api.SendAsync(HttpMethod.Put, $"{path}/{existing.Id}", Events.Timed("changed"));
        var patch = await Api.SendAsync(HttpMethod.Patch, $"{path}/{existing.Id}", new { summary = "changed" });
        var delete = await Api.SendAsync(HttpMethod.Delete, $"{path}/{existing.Id}", null);
        var get = await Api.SendAsync(HttpMethod.Get, $"{path}/{existing.Id}", null);
        var list = await Api.ListAsync(calendarId: reader.Id);

        insert.AssertGoogleError(HttpStatusCode.Forbidden, RequiredAccessLevel);
        update.AssertGoogleError(HttpStatusCode.Forbidden, RequiredAccessLevel);
        patch.AssertGoogleError(HttpStatusCode.Forbidden, RequiredAccessLevel);
        delete.AssertGoogleError(HttpStatusCode.Forbidden, RequiredAccessLevel);
        Assert.Equal("Bank holiday", (string?)get.Json!["summary"]);
        Assert.Single(list.Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task Writer_role_may_insert_events()
    {
        var writer = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Family", CalendarAccessRoles.Writer);

        var insert = await Api.InsertAsync(Events.Timed("school fees"), writer.Id);

        Assert.Equal(HttpStatusCode.OK, insert.Status);
    }
}
