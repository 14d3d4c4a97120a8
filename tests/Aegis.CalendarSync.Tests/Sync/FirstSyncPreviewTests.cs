using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync.Preview;
using GoogleCalendarEmulator.Calendar.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, dry run: every connect waits for the user's go-ahead; the preview of the first sync counts what it
/// would do with the sync's own rules and writes nothing (Google's request log, a dump of every table); Start runs
/// exactly that; Cancel leaves nothing behind. Engine + real database + emulator over HTTP; subclassed once per engine.</summary>
public abstract class FirstSyncPreviewTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    /// <summary>What Google may be asked while a connection awaits the go-ahead: reads only.</summary>
    private static readonly string[] ReadOperations =
        ["events.list", "events.get", "calendarList.list", "calendarList.get", "calendars.get", "oauth.token"];

    private FirstSyncCommands FirstSync => H.Services.GetRequiredService<FirstSyncCommands>();

    [Fact]
    public async Task The_preview_counts_bills_to_push_and_imports_and_writes_nothing_then_start_does_exactly_that()
    {
        await H.CreateUserAsync();
        var rent = await H.CreateEventAsync("Rent", EventType.Bill, 950m);
        var salary = await H.CreateEventAsync("Salary", EventType.Income, 3200m);
        var phone = await H.CreateEventAsync("Phone", EventType.Bill, 29.9m);
        var water = await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Water bill", 2));
        await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Gym fee", 4));
        await ConnectWithoutStartAsync(importForeignEvents: true);

        var dumpBefore = await StoreDump.TakeAsync(H.Services);
        await H.Admin.ClearRequestsAsync();
        var preview = await PreviewAsync();
        var calls = await H.Admin.GetRequestsAsync();
        Assert.Equal(dumpBefore, await StoreDump.TakeAsync(H.Services));
        Assert.All(calls, c => Assert.Contains(c.Operation, ReadOperations));
        Assert.Contains(calls, c => c.Operation == "events.list");

        Assert.Equal(3, preview.ToGoogleNew.Count);
        Assert.Equal(["Phone", "Rent", "Salary"], preview.ToGoogleNew.Samples.Order());
        Assert.Equal(2, preview.ToWalletNew.Count);
        Assert.Contains("Water bill", preview.ToWalletNew.Samples);
        Assert.Equal(0, preview.ToGoogleUpdated.Count);
        Assert.Equal(0, preview.ToWalletTrash.Count);
        Assert.Equal(0, preview.InGoogleDeleted.Count);
        Assert.Equal(0, preview.Conflicts.Count);
        var calendar = Assert.Single(preview.Calendars);
        Assert.Equal("primary", calendar.Id);
        Assert.False(calendar.WillBeCreated);

        await H.Admin.ClearRequestsAsync();
        Assert.IsType<FirstSyncResult.Started>(await FirstSync.StartAsync(H.UserId, Ct));
        await H.DrainQueueAsync();

        var counts = await H.CountsAsync();
        Assert.Equal(preview.ToGoogleNew.Count, counts.GetValueOrDefault("events.insert"));
        Assert.Equal(0, counts.GetValueOrDefault("events.delete"));
        Assert.Equal(1, counts.GetValueOrDefault("events.watch"));
        foreach (var bill in new[] { rent, salary, phone })
        {
            Assert.Contains(bill.Title, (await H.GetRemoteAsync(bill.Id)).Summary);
        }

        var wallet = await H.Events.ListAsync(H.UserId, new EventQuery(), Ct);
        Assert.Equal(3 + preview.ToWalletNew.Count, wallet.Count);
        Assert.NotNull(await H.Mappings.GetByGoogleIdAsync(H.UserId, "primary", water.Id!, Ct));
        Assert.Null((await H.Settings.GetAsync(H.UserId, Ct))!.AwaitingStartSince);
    }

    [Fact]
    public async Task While_awaiting_nothing_is_sent_to_google_and_a_wallet_edit_waits_for_start()
    {
        await H.CreateUserAsync();
        await ConnectWithoutStartAsync(importForeignEvents: false);
        var meeting = await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Dentist", 1));
        await H.Admin.ClearRequestsAsync();

        var bill = await H.CreateEventAsync("Insurance", EventType.Bill, 120m);
        Assert.Equal(0, await H.DrainQueueAsync());
        Assert.Empty(await H.Admin.GetRequestsAsync());
        Assert.Contains(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct), i => i.FinancialEventId == bill.Id);
        Assert.Null((await H.Settings.GetAsync(H.UserId, Ct))!.GoogleChannelId);

        var preview = await PreviewAsync();
        Assert.Equal(["Insurance"], preview.ToGoogleNew.Samples);
        Assert.Equal(1, preview.LeftAlone.Count);
        Assert.Equal(0, preview.ToWalletNew.Count);

        Assert.IsType<FirstSyncResult.Started>(await FirstSync.StartAsync(H.UserId, Ct));
        await H.DrainQueueAsync();
        Assert.Contains("Insurance", (await H.GetRemoteAsync(bill.Id)).Summary);
        Assert.Equal(meeting.Etag, (await H.Google.GetEventAsync(H.Account, "primary", meeting.Id!, Ct)).Etag);
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct));
    }

    [Fact]
    public async Task A_dedicated_calendar_is_created_only_at_start_and_the_preview_shows_every_bill_as_new()
    {
        await using var h = await SyncHarness.StartAsync(Database, new SyncHarnessOptions
        {
            Settings = { ["Connection:NewConnectionCalendar"] = "Dedicated" },
        });
        await h.CreateUserAsync();
        await h.CreateEventAsync("Rent", EventType.Bill, 950m);
        await h.CreateEventAsync("Electricity", EventType.Bill, 84.2m);
        await h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", Meeting("Team meeting", 1));
        await ConnectWithoutStartAsync(h, importForeignEvents: false);
        Assert.DoesNotContain(await h.Google.ListCalendarsAsync(h.Account, Ct), c => c.Summary == "Aegis");

        await h.Admin.ClearRequestsAsync();
        var preview = Assert.IsType<FirstSyncResult.Previewed>(await h.Services.GetRequiredService<FirstSyncCommands>().PreviewAsync(h.UserId, Ct)).Preview;
        Assert.All(await h.Admin.GetRequestsAsync(), c => Assert.Contains(c.Operation, ReadOperations));
        var calendar = Assert.Single(preview.Calendars);
        Assert.True(calendar.WillBeCreated);
        Assert.Equal("Aegis", calendar.Name);
        Assert.Null(calendar.Id);
        Assert.Equal(2, preview.ToGoogleNew.Count);
        Assert.Equal(0, preview.LeftAlone.Count + preview.ToWalletNew.Count);

        Assert.IsType<FirstSyncResult.Started>(await h.Services.GetRequiredService<FirstSyncCommands>().StartAsync(h.UserId, Ct));
        await h.DrainQueueAsync();
        var settings = (await h.Settings.GetAsync(h.UserId, Ct))!;
        var aegis = Assert.Single(await h.Google.ListCalendarsAsync(h.Account, Ct), c => c.Summary == "Aegis");
        Assert.Equal(aegis.Id, settings.CalendarId);
        Assert.True(settings.ImportForeignEvents);
        Assert.Null(settings.PendingCalendarName);
        var listed = await h.Google.ListEventsAsync(h.Account, aegis.Id!, new Aegis.CalendarSync.Google.ListEventsRequest(), Ct);
        Assert.Equal(preview.ToGoogleNew.Count, listed.Items!.Count);
    }

    [Fact]
    public async Task A_reconnect_previews_bills_deleted_in_google_as_put_back_and_edits_as_taken_nothing_deleted()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent", EventType.Bill, 950m);
        var phone = await H.CreateEventAsync("Phone", EventType.Bill, 29.9m);
        var gas = await H.CreateEventAsync("Gas", EventType.Bill, 61m);
        await H.DrainQueueAsync();
        await Connection.DisconnectAsync(H.UserId, Ct);
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(rent.Id));
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(phone.Id),
            new { summary = "Phone (new plan) — 29.90 EUR" });

        await ReconnectWithoutStartAsync();
        var dumpBefore = await StoreDump.TakeAsync(H.Services);
        await H.Admin.ClearRequestsAsync();
        var preview = await PreviewAsync();
        Assert.Equal(dumpBefore, await StoreDump.TakeAsync(H.Services));
        Assert.All(await H.Admin.GetRequestsAsync(), c => Assert.Contains(c.Operation, ReadOperations));

        Assert.Equal(["Rent"], preview.ToGoogleNew.Samples);
        Assert.Equal(["Phone"], preview.ToWalletUpdated.Samples);
        Assert.Equal(["Gas"], preview.Unchanged.Samples);
        Assert.Equal(0, preview.ToWalletTrash.Count);
        Assert.Equal(0, preview.InGoogleDeleted.Count);
        Assert.Equal(0, preview.Conflicts.Count);

        Assert.IsType<FirstSyncResult.Started>(await FirstSync.StartAsync(H.UserId, Ct));
        await H.DrainQueueAsync();
        Assert.Contains("Rent", (await H.GetRemoteAsync(rent.Id)).Summary);
        Assert.Equal("Phone (new plan)", (await H.Events.GetAsync(H.UserId, phone.Id, Ct))!.Title);
        Assert.Equal(3, (await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)).Count);
        Assert.Equal(gas.Title, (await H.Events.GetAsync(H.UserId, gas.Id, Ct))!.Title);
    }

    /// <summary>A monthly rent made before connecting, with May marked paid and July skipped: the preview counts the
    /// series as one new event and its two changed dates apart, named by date, and Start does exactly that (the
    /// series inserted, May patched, July's instance deleted). Before, the preview said only "1 wallet event will be
    /// added" and nothing about the months the user had changed.</summary>
    [Fact]
    public async Task The_preview_counts_the_months_of_a_new_series_the_user_changed_named_by_date_and_start_writes_exactly_those()
    {
        await H.CreateUserAsync();
        var rent = await MonthlyRent.CreateAsync(H);
        await MonthlyRent.EditAsync(H, rent.Id, 5, o => o with { Status = OccurrenceStatus.Paid });
        await MonthlyRent.EditAsync(H, rent.Id, 7, o => o with { Status = OccurrenceStatus.Skipped });
        await ConnectWithoutStartAsync(importForeignEvents: false);

        var dumpBefore = await StoreDump.TakeAsync(H.Services);
        await H.Admin.ClearRequestsAsync();
        var preview = await PreviewAsync();
        Assert.Equal(dumpBefore, await StoreDump.TakeAsync(H.Services));
        Assert.All(await H.Admin.GetRequestsAsync(), c => Assert.Contains(c.Operation, ReadOperations));

        Assert.Equal(["Rent"], preview.ToGoogleNew.Samples);
        Assert.Equal([$"Rent, {MonthText(5)}"], preview.Occurrences.ToGoogle.Samples);
        Assert.Equal([$"Rent, {MonthText(7)}"], preview.Occurrences.RemovedFromGoogle.Samples);
        Assert.Equal((0, 0, 0), (preview.Occurrences.ToWallet.Count, preview.Occurrences.SkippedInWallet.Count, preview.Occurrences.Conflicts.Count));

        await H.Admin.ClearRequestsAsync();
        Assert.IsType<FirstSyncResult.Started>(await FirstSync.StartAsync(H.UserId, Ct));
        await H.DrainQueueAsync();
        var counts = await H.CountsAsync();
        Assert.Equal((preview.ToGoogleNew.Count, preview.Occurrences.ToGoogle.Count, preview.Occurrences.RemovedFromGoogle.Count),
            (counts.GetValueOrDefault("events.insert"), counts.GetValueOrDefault("events.patch"), counts.GetValueOrDefault("events.delete")));
    }

    /// <summary>A reconnect after a person changed single months in Google (moved March, deleted April, renamed June
    /// while the wallet changed June's amount), then, while the reconnect waits for the go-ahead, the wallet marks
    /// August paid: the preview names each date under
    /// what the first sync does to it, decided by the sync's own occurrence rules, and Start does exactly that.
    /// Before, the preview counted the series as "already the same on both sides" and none of the months.</summary>
    [Fact]
    public async Task A_reconnect_previews_months_changed_in_google_or_in_the_wallet_by_date_and_start_applies_exactly_those()
    {
        await H.ConnectAsync();
        var rent = await MonthlyRent.CreateAsync(H);
        await MonthlyRent.EditAsync(H, rent.Id, 6, o => o with { Status = OccurrenceStatus.Paid });
        await H.DrainQueueAsync();
        var masterId = (await H.GetRemoteAsync(rent.Id)).Id!;
        await Connection.DisconnectAsync(H.UserId, Ct);

        var march = MonthlyRent.FirstMonth.AddMonths(2).AddDays(4);
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", MonthlyRent.InstanceId(masterId, 3), new
        {
            start = new { date = march.ToString("yyyy-MM-dd") },
            end = new { date = march.AddDays(1).ToString("yyyy-MM-dd") },
        });
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", MonthlyRent.InstanceId(masterId, 4));
        await MonthlyRent.EditAsync(H, rent.Id, 6, o => o with { Amount = 990m });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", MonthlyRent.InstanceId(masterId, 6), new { summary = "Rent (June, agreed)" });

        await ReconnectWithoutStartAsync();
        // Queued while the connection waits for the go-ahead: pushed after Start, for its month only.
        await MonthlyRent.EditAsync(H, rent.Id, 8, o => o with { Status = OccurrenceStatus.Paid });
        var dumpBefore = await StoreDump.TakeAsync(H.Services);
        await H.Admin.ClearRequestsAsync();
        var preview = await PreviewAsync();
        Assert.Equal(dumpBefore, await StoreDump.TakeAsync(H.Services));
        Assert.All(await H.Admin.GetRequestsAsync(), c => Assert.Contains(c.Operation, ReadOperations));

        Assert.Equal([$"Rent, {MonthText(3)}"], preview.Occurrences.ToWallet.Samples);
        Assert.Equal([$"Rent, {MonthText(4)}"], preview.Occurrences.SkippedInWallet.Samples);
        Assert.Equal([$"Rent, {MonthText(6)}"], preview.Occurrences.Conflicts.Samples);
        Assert.Equal([$"Rent, {MonthText(8)}"], preview.Occurrences.ToGoogle.Samples);
        Assert.Equal(0, preview.Occurrences.RemovedFromGoogle.Count);
        Assert.Equal(0, preview.ToWalletTrash.Count + preview.ToWalletNew.Count + preview.ToGoogleNew.Count);

        await H.Admin.ClearRequestsAsync();
        Assert.IsType<FirstSyncResult.Started>(await FirstSync.StartAsync(H.UserId, Ct));
        await H.DrainQueueAsync();
        var months = await MonthlyRent.OccurrencesAsync(H, rent.Id);
        Assert.Equal(DateOnly.FromDateTime(months[2].StartAt.UtcDateTime), march);
        Assert.Equal(OccurrenceStatus.Skipped, months[3].Status);
        Assert.Equal("Rent (June, agreed)", months[5].Title);
        var august = await H.Google.GetEventAsync(H.Account, "primary", MonthlyRent.InstanceId(masterId, 8), Ct);
        Assert.Equal("paid", august.GetPrivateProperty(AegisProperties.Status));
        Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Limit: 500), Ct), a => a.Action == AuditAction.Conflict);
        // Google is written for August (the wallet's change) and, at most, to put a date Google changed into the
        // wallet's form (June's title the wallet took, with its amount and paid mark): no other date.
        var patched = (await H.Admin.GetRequestsAsync()).Where(r => r.Operation == "events.patch").Select(r => r.Path[(r.Path.LastIndexOf('_') + 1)..]).ToList();
        Assert.Contains(MonthlyRent.MonthId(8), patched);
        Assert.All(patched, p => Assert.Contains(p, new[] { MonthlyRent.MonthId(8), MonthlyRent.MonthId(6), MonthlyRent.MonthId(3) }));
        Assert.StartsWith("Rent (June, agreed)", (await H.Google.GetEventAsync(H.Account, "primary", MonthlyRent.InstanceId(masterId, 6), Ct)).Summary!.Replace(SummaryFormat.PaidMarker, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_leaves_no_tokens_no_channel_and_nothing_in_google()
    {
        await H.CreateUserAsync();
        var bill = await H.CreateEventAsync("Rent", EventType.Bill, 950m);
        await ConnectWithoutStartAsync(importForeignEvents: true);
        await H.Admin.ClearRequestsAsync();

        Assert.IsType<FirstSyncResult.Cancelled>(await FirstSync.CancelAsync(H.UserId, Ct));
        await H.DrainQueueAsync();

        var settings = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.False(settings.IsConnected);
        Assert.Null(settings.EncryptedAccessToken);
        Assert.Null(settings.GoogleChannelId);
        Assert.Null(settings.AwaitingStartSince);
        var operations = (await H.Admin.GetRequestsAsync()).Select(r => r.Operation).ToList();
        Assert.DoesNotContain(operations, o => o is "events.insert" or "events.update" or "events.patch" or "events.delete"
            or "events.watch" or "calendars.insert" or "channels.stop");
        Assert.Empty((await H.Admin.ListEventsAsPersonAsync(SyncHarness.Email, "primary")).Items);
        Assert.NotNull(await H.Events.GetAsync(H.UserId, bill.Id, Ct));
        Assert.IsType<FirstSyncResult.NotAwaiting>(await FirstSync.PreviewAsync(H.UserId, Ct));
    }

    [Fact]
    public async Task Preview_start_or_cancel_when_not_awaiting_is_refused_and_changes_nothing()
    {
        await H.CreateUserAsync();
        Assert.Equal(new FirstSyncResult.NotAwaiting(NeverConnected: true), await FirstSync.PreviewAsync(H.UserId, Ct));
        Assert.Equal(new FirstSyncResult.NotAwaiting(NeverConnected: true), await FirstSync.StartAsync(H.UserId, Ct));
        Assert.Equal(new FirstSyncResult.NotAwaiting(NeverConnected: true), await FirstSync.CancelAsync(H.UserId, Ct));

        await H.ConnectAsync();
        await H.CreateEventAsync("Rent", EventType.Bill, 950m);
        await H.DrainQueueAsync();
        var dump = await StoreDump.TakeAsync(H.Services);
        await H.Admin.ClearRequestsAsync();

        Assert.Equal(new FirstSyncResult.NotAwaiting(NeverConnected: false), await FirstSync.StartAsync(H.UserId, Ct));
        Assert.Equal(new FirstSyncResult.NotAwaiting(NeverConnected: false), await FirstSync.PreviewAsync(H.UserId, Ct));
        Assert.Equal(new FirstSyncResult.NotAwaiting(NeverConnected: false), await FirstSync.CancelAsync(H.UserId, Ct));
        Assert.Equal(0, await H.DrainQueueAsync());
        Assert.Equal(dump, await StoreDump.TakeAsync(H.Services));
        Assert.Empty(await H.Admin.GetRequestsAsync());
        Assert.True((await H.Settings.GetAsync(H.UserId, Ct))!.CanSync);
    }

    private static string MonthText(int month) =>
        MonthlyRent.FirstMonth.AddMonths(month - 1).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<SyncPreview> PreviewAsync() =>
        Assert.IsType<FirstSyncResult.Previewed>(await FirstSync.PreviewAsync(H.UserId, Ct)).Preview;

    private Task ConnectWithoutStartAsync(bool importForeignEvents) => ConnectWithoutStartAsync(H, importForeignEvents);

    /// <summary>The OAuth connect alone (no Start), from fresh settings marked for import or not.</summary>
    private static async Task ConnectWithoutStartAsync(SyncHarness h, bool importForeignEvents)
    {
        await h.Settings.UpsertAsync(new CalendarSyncSettings { UserId = h.UserId, ImportForeignEvents = importForeignEvents }, Ct);
        await CompleteOAuthAsync(h);
        Assert.True((await h.Settings.GetAsync(h.UserId, Ct))!.AwaitsStart);
    }

    /// <summary>The OAuth connect again over the existing settings (a reconnect), without Start.</summary>
    private async Task ReconnectWithoutStartAsync()
    {
        await CompleteOAuthAsync(H);
        Assert.True((await H.Settings.GetAsync(H.UserId, Ct))!.AwaitsStart);
    }

    private static async Task CompleteOAuthAsync(SyncHarness h)
    {
        var connection = h.Services.GetRequiredService<Aegis.CalendarSync.Connection.IGoogleConnectionService>();
        var (code, state) = await h.AuthorizeAsync(await connection.StartAuthorizationAsync(h.UserId, SyncHarness.RedirectUri, Ct));
        await connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);
    }

    private static CalendarEvent Meeting(string summary, int inDays)
    {
        var day = DateTimeOffset.UtcNow.Date.AddDays(inDays);
        return new CalendarEvent
        {
            Summary = summary,
            Start = new EventDateTime { DateTime = day.AddHours(10).ToString("yyyy-MM-ddTHH:mm:ssZ") },
            End = new EventDateTime { DateTime = day.AddHours(11).ToString("yyyy-MM-ddTHH:mm:ssZ") },
        };
    }
}

public sealed class SqliteFirstSyncPreviewTests(SqliteTestDatabase database) : FirstSyncPreviewTests<SqliteTestDatabase>(database);

public sealed class PostgresFirstSyncPreviewTests(PostgresTestDatabase database) : FirstSyncPreviewTests<PostgresTestDatabase>(database);
