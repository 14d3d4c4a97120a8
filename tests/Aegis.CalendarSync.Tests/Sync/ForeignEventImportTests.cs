using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Tests.Store;
using GoogleCalendarEmulator.Calendar.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, what is imported: events Aegis did not create become financial events only from a calendar marked
/// for import; a new connection syncs into a dedicated "Aegis" calendar marked for import. Engine + real database +
/// emulator over HTTP; subclassed once per engine.</summary>
public abstract class ForeignEventImportTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task A_meeting_in_a_calendar_not_marked_for_import_is_neither_imported_nor_modified()
    {
        await H.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: false);
        var bill = await H.CreateEventAsync("Rent", EventType.Bill, 950m);
        await H.DrainQueueAsync();
        var meeting = await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Dentist"));
        await H.Admin.ClearRequestsAsync();

        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.Sync.FullSyncAsync(H.UserId, Ct);
        await H.DrainQueueAsync();

        var wallet = await H.Events.ListAsync(H.UserId, new Aegis.CalendarSync.Store.EventQuery(), Ct);
        Assert.Equal([bill.Id], wallet.Select(e => e.Id));
        Assert.Null(await H.Mappings.GetByGoogleIdAsync(H.UserId, "primary", meeting.Id!, Ct));
        var writes = (await H.Admin.GetRequestsAsync()).Where(r => r.Operation is "events.update" or "events.patch" or "events.insert" or "events.delete");
        Assert.Empty(writes);
        var untouched = await H.Google.GetEventAsync(H.Account, "primary", meeting.Id!, Ct);
        Assert.Equal(meeting.Etag, untouched.Etag);
        Assert.Equal("Dentist", untouched.Summary);
    }

    [Fact]
    public async Task The_same_meeting_in_a_calendar_marked_for_import_is_imported()
    {
        await H.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: false);
        var meeting = await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Dentist"));
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        Assert.Empty(await H.Events.ListAsync(H.UserId, new Aegis.CalendarSync.Store.EventQuery(), Ct));

        // Marking the calendar queues a full sync, which imports what is already there.
        var commands = H.Services.GetRequiredService<ConnectionCommands>();
        var saved = await commands.UpdatePreferencesAsync(H.UserId, new SyncPreferencesChange(ImportForeignEvents: true), Ct);
        Assert.True(Assert.IsType<PreferencesUpdateResult.Saved>(saved).Settings.ImportForeignEvents);
        await H.DrainQueueAsync();

        var imported = Assert.Single(await H.Events.ListAsync(H.UserId, new Aegis.CalendarSync.Store.EventQuery(), Ct));
        Assert.Equal("Dentist", imported.Title);
        Assert.NotNull(await H.Mappings.GetByGoogleIdAsync(H.UserId, "primary", meeting.Id!, Ct));
        Assert.True((await H.Settings.GetAsync(H.UserId, Ct))!.ImportForeignEvents);
    }

    [Fact]
    public async Task A_new_connection_syncs_into_a_dedicated_aegis_calendar_marked_for_import()
    {
        await using var h = await SyncHarness.StartAsync(Database, new SyncHarnessOptions
        {
            Settings = { ["Connection:NewConnectionCalendar"] = "Dedicated" },
        });
        await h.CreateUserAsync();
        var meeting = await h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Team meeting"));
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: false);

        var settings = (await h.Settings.GetAsync(h.UserId, Ct))!;
        Assert.NotEqual("primary", settings.CalendarId);
        Assert.True(settings.ImportForeignEvents);
        var aegis = Assert.Single(await h.Google.ListCalendarsAsync(h.Account, Ct), c => c.Id == settings.CalendarId);
        Assert.Equal("Aegis", aegis.Summary);
        Assert.Equal("owner", aegis.AccessRole);

        // Wallet bills go to the Aegis calendar; a person's event there is imported; primary is left alone.
        var bill = await h.CreateEventAsync("Electricity", EventType.Bill, 84.2m);
        await h.DrainQueueAsync();
        var pushed = await h.Google.GetEventAsync(h.Account, settings.CalendarId, GoogleEventId.FromFinancialEventId(bill.Id), Ct);
        Assert.Contains("Electricity", pushed.Summary);
        var water = await h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, settings.CalendarId, Meeting("Water bill"));
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        var wallet = await h.Events.ListAsync(h.UserId, new Aegis.CalendarSync.Store.EventQuery(), Ct);
        Assert.Equal(["Electricity", "Water bill"], wallet.Select(e => e.Title).Order());
        Assert.NotNull(await h.Mappings.GetByGoogleIdAsync(h.UserId, settings.CalendarId, water.Id!, Ct));
        var primary = await h.Google.GetEventAsync(h.Account, "primary", meeting.Id!, Ct);
        Assert.Equal(meeting.Etag, primary.Etag);
        Assert.DoesNotContain(await h.ListRemoteAsync(), e => e.Id == GoogleEventId.FromFinancialEventId(bill.Id));

        // Connecting again from fresh settings finds the Aegis calendar by name instead of creating a second one.
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: true);
        Assert.Equal(settings.CalendarId, (await h.Settings.GetAsync(h.UserId, Ct))!.CalendarId);
        Assert.Single(await h.Google.ListCalendarsAsync(h.Account, Ct), c => c.Summary == "Aegis");
    }

    [Fact]
    public async Task Switching_to_another_calendar_clears_the_import_marking()
    {
        await H.ConnectAsync();
        Assert.True((await H.Settings.GetAsync(H.UserId, Ct))!.ImportForeignEvents);
        var commands = H.Services.GetRequiredService<ConnectionCommands>();
        var other = await commands.CreateCalendarAsync(H.UserId, "Household", null, Ct);

        await commands.UpdatePreferencesAsync(H.UserId, new SyncPreferencesChange(CalendarId: other.Id), Ct);
        var moved = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.Equal(other.Id, moved.CalendarId);
        Assert.False(moved.ImportForeignEvents);

        // Switching and marking in one change marks the new calendar.
        await commands.UpdatePreferencesAsync(H.UserId, new SyncPreferencesChange(CalendarId: "primary", ImportForeignEvents: true), Ct);
        var back = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.Equal("primary", back.CalendarId);
        Assert.True(back.ImportForeignEvents);
    }

    private static CalendarEvent Meeting(string summary)
    {
        var day = DateTimeOffset.UtcNow.Date.AddDays(3);
        return new CalendarEvent
        {
            Summary = summary,
            Start = new EventDateTime { DateTime = day.AddHours(10).ToString("yyyy-MM-ddTHH:mm:ssZ") },
            End = new EventDateTime { DateTime = day.AddHours(11).ToString("yyyy-MM-ddTHH:mm:ssZ") },
        };
    }
}

public sealed class SqliteForeignEventImportTests(SqliteTestDatabase database) : ForeignEventImportTests<SqliteTestDatabase>(database);

public sealed class PostgresForeignEventImportTests(PostgresTestDatabase database) : ForeignEventImportTests<PostgresTestDatabase>(database);
