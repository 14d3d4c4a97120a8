using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Testing.Engine;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.State;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Choosing the calendar to sync and switching it, end to end (engine + real database + emulator over HTTP);
/// subclassed once per store engine.</summary>
public abstract class CalendarSwitchTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const string DedicatedSummary = "Aegis — Bills & income";

    [Fact]
    public async Task Switching_moves_synced_events_to_the_new_calendar_with_events_move_and_opens_its_channel_before_stopping_the_old_one()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        var salary = await H.CreateEventAsync("Salary", EventType.Income, 2400m);
        await H.DrainQueueAsync();
        var before = (await H.Settings.GetAsync(H.UserId, Ct))!;
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, "Europe/Lisbon", Ct);
        await H.Admin.ClearRequestsAsync();

        var result = await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();

        Assert.Equal(new CalendarSwitchResult(dedicated.Id, Changed: true, EventsMoved: 2), result);
        foreach (var moved in new[] { rent, salary })
        {
            var eventId = GoogleEventId.FromFinancialEventId(moved.Id);
            Assert.True((await H.Google.GetEventAsync(H.Account, "primary", eventId, Ct)).IsCancelled);
            var there = await H.Google.GetEventAsync(H.Account, dedicated.Id, eventId, Ct);
            Assert.False(there.IsCancelled);
            Assert.Equal(moved.Id.ToString(), there.GetPrivateProperty(AegisProperties.EventId));
        }

        var mappings = await H.Mappings.ListAsync(H.UserId, Ct);
        Assert.Equal(2, mappings.Count);
        Assert.All(mappings, m => Assert.Equal(dedicated.Id, m.GoogleCalendarId));
        var after = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.Equal(dedicated.Id, after.CalendarId);
        Assert.NotEqual(before.GoogleChannelId, after.GoogleChannelId);
        Assert.NotNull(after.SyncToken);

        var requests = (await H.Admin.GetRequestsAsync()).Where(r => r.Status < 300).ToList();
        var channelCalls = requests.Where(r => r.Operation is "events.watch" or "channels.stop").ToList();
        Assert.Equal(["events.watch", "channels.stop"], channelCalls.Select(r => r.Operation));
        Assert.Contains(dedicated.Id, Uri.UnescapeDataString(channelCalls[0].Path), StringComparison.OrdinalIgnoreCase);
        // One events.move per event (same id, nothing lost in Google), no delete and no insert, before and after the
        // full sync of the new calendar; the moves come after the old channel stopped.
        Assert.Equal(2, requests.Count(r => r.Operation == "events.move"));
        Assert.DoesNotContain(requests, r => r.Operation is "events.delete" or "events.insert" or "events.update" or "events.patch");
        var firstMove = requests.FindIndex(r => r.Operation == "events.move");
        Assert.True(requests.FindIndex(r => r.Operation == "channels.stop") < firstMove);
        Assert.Equal(2, (await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)).Count);
        var audit = await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.CalendarSwitched), Ct);
        Assert.Equal(AuditOutcome.Success, Assert.Single(audit).Status);
        Assert.Equal(2, (await MovesAsync(CalendarRehoming.MovedCode)).Count);
    }

    [Fact]
    public async Task A_switch_keeps_what_a_person_added_to_the_google_event_and_its_id_with_one_call_per_event()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);
        // What a person adds in Google that the wallet does not sync: reminders, a guest, a colour.
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", eventId, new
        {
            reminders = new { useDefault = false, overrides = new[] { new { method = "popup", minutes = 2880 } } },
            attendees = new[] { new { email = "landlord@example.com" } },
            colorId = "11",
        });
        var walletBefore = (await H.Events.GetAsync(H.UserId, rent.Id, Ct))!;
        var mappingBefore = (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!;
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        var before = await H.CountsAsync();

        await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();

        var there = Assert.Single((await H.Admin.ListEventsAsPersonAsync(SyncHarness.Email, dedicated.Id)).Items, e => e.Status != "cancelled");
        Assert.Equal(eventId, there.Id);
        Assert.Equal((false, 2880), (there.Reminders!.UseDefault, there.Reminders.Overrides!.Single().Minutes));
        Assert.Contains("landlord@example.com", there.AdditionalFields!["attendees"].GetRawText(), StringComparison.Ordinal);
        Assert.Equal("11", there.ColorId);
        var mapping = (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!;
        Assert.Equal((eventId, dedicated.Id), (mapping.GoogleEventId, mapping.GoogleCalendarId));
        Assert.NotEqual(mappingBefore.HtmlLink, mapping.HtmlLink);
        Assert.Equal(walletBefore, await H.Events.GetAsync(H.UserId, rent.Id, Ct));
        var delta = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(1, delta.GetValueOrDefault("events.move"));
        Assert.Equal(0, delta.GetValueOrDefault("events.insert") + delta.GetValueOrDefault("events.delete") + delta.GetValueOrDefault("events.update")
            + delta.GetValueOrDefault("events.patch"));
    }

    [Fact]
    public async Task A_series_moves_whole_with_its_skipped_occurrence_in_one_call()
    {
        await H.ConnectAsync();
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rent = new FinancialEvent
        {
            Id = Guid.NewGuid(), UserId = H.UserId, Title = "Rent", Amount = 950m, Currency = "EUR", EventType = EventType.Bill,
            StartAt = start, EndAt = start.AddDays(1), AllDay = true, TimeZone = "UTC", Recurrence = "RRULE:FREQ=MONTHLY;COUNT=6",
        };
        await H.Events.InsertAsync(rent, Ct);
        await H.DrainQueueAsync();
        var masterId = GoogleEventId.FromFinancialEventId(rent.Id);
        var march = $"{masterId}_{start.AddMonths(2):yyyyMMdd}";
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", march);
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        var occurrences = H.Services.GetRequiredService<IOccurrenceStore>();
        Assert.Equal(OccurrenceStatus.Skipped, Assert.Single(await occurrences.ListAsync(H.UserId, rent.Id, Ct)).Status);
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        var before = await H.CountsAsync();

        await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();

        var instances = await H.Google.ListEventsAsync(H.Account, dedicated.Id,
            new ListEventsRequest { SingleEvents = true, TimeMin = start.AddDays(-1), TimeMax = start.AddYears(1), MaxResults = 2500 }, Ct);
        Assert.Equal(5, instances.Items!.Count);
        Assert.DoesNotContain(instances.Items, i => i.Id == march);
        Assert.True((await H.Google.GetEventAsync(H.Account, dedicated.Id, march, Ct)).IsCancelled);
        Assert.Equal(OccurrenceStatus.Skipped, Assert.Single(await occurrences.ListAsync(H.UserId, rent.Id, Ct)).Status);
        var delta = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(1, delta.GetValueOrDefault("events.move"));
        Assert.Equal(0, delta.GetValueOrDefault("events.insert") + delta.GetValueOrDefault("events.delete") + delta.GetValueOrDefault("events.update")
            + delta.GetValueOrDefault("events.patch"));
    }

    [Theory]
    [InlineData(400, "cannotChangeOrganizerOfInstance", false)]
    [InlineData(403, "requiredAccessLevel", false)]
    [InlineData(403, "requiredAccessLevel", true)]
    public async Task A_move_google_refuses_falls_back_to_one_delete_and_one_insert_and_keeps_the_wallet_event_once(int status, string reason,
        bool oldCalendarRefusesDeletes)
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        var walletBefore = (await H.Events.GetAsync(H.UserId, rent.Id, Ct))!;
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: status, Reason: reason, Method: "POST", PathContains: "/move"));
        if (oldCalendarRefusesDeletes)
        {
            await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 403, Reason: reason, Method: "DELETE", PathContains: "/events/"));
        }

        await H.Admin.ClearRequestsAsync();

        var result = await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();

        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);
        Assert.Equal(new CalendarSwitchResult(dedicated.Id, Changed: true, EventsMoved: 1), result);
        Assert.False((await H.Google.GetEventAsync(H.Account, dedicated.Id, eventId, Ct)).IsCancelled);
        Assert.Equal(oldCalendarRefusesDeletes, !(await H.Google.GetEventAsync(H.Account, "primary", eventId, Ct)).IsCancelled);
        Assert.Equal(walletBefore, Assert.Single(await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)));
        Assert.Equal(dedicated.Id, (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!.GoogleCalendarId);
        var requests = await H.Admin.GetRequestsAsync();
        Assert.Equal(1, requests.Count(r => r.Operation == "events.move"));
        Assert.Equal(1, requests.Count(r => r.Operation == "events.delete"));
        Assert.Equal(1, requests.Count(r => r is { Operation: "events.insert", Status: < 300 }));
        var refused = Assert.Single(await MovesAsync(CalendarRehoming.MoveRefusedCode));
        Assert.Equal(AuditOutcome.Skipped, refused.Status);
        Assert.Contains(reason, refused.Details, StringComparison.Ordinal);
        Assert.Contains(oldCalendarRefusesDeletes ? "left there" : "was deleted", refused.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_gone_from_the_old_calendar_is_inserted_on_the_new_one_and_stays_in_the_wallet()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        var water = await H.CreateEventAsync("Water", amount: 40m);
        await H.DrainQueueAsync();
        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);
        // Deleted in Google before the switch; its push never arrived, so the wallet still links it.
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", eventId);
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        await H.Admin.ClearRequestsAsync();

        await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();

        Assert.False((await H.Google.GetEventAsync(H.Account, dedicated.Id, eventId, Ct)).IsCancelled);
        Assert.Equal(2, (await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)).Count);
        Assert.All(await H.Mappings.ListAsync(H.UserId, Ct), m => Assert.Equal(dedicated.Id, m.GoogleCalendarId));
        var requests = (await H.Admin.GetRequestsAsync()).ToList();
        Assert.Equal(2, requests.Count(r => r.Operation == "events.move"));
        Assert.Equal(1, requests.Count(r => r is { Operation: "events.insert", Status: < 300 }));
        Assert.DoesNotContain(requests, r => r.Operation == "events.delete");
        Assert.Equal(rent.Id, Assert.Single(await MovesAsync(CalendarRehoming.MoveGoneCode)).FinancialEventId);
        Assert.Equal(water.Id, Assert.Single(await MovesAsync(CalendarRehoming.MovedCode)).FinancialEventId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_switch_google_fails_part_way_loses_and_duplicates_nothing_and_is_finished_by_running_it_again_or_by_the_queue(
        bool runAgain)
    {
        await H.ConnectAsync();
        var bills = new[] { await H.CreateEventAsync("Rent"), await H.CreateEventAsync("Water", amount: 40m), await H.CreateEventAsync("Gas", amount: 60m) };
        await H.DrainQueueAsync();
        var wallet = await H.Events.ListAsync(H.UserId, new EventQuery(), Ct);
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        var failing = GoogleEventId.FromFinancialEventId(bills[1].Id);
        // Every attempt (the client's retries included) at moving one of the events meets Google's outage.
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 4, Status: 503, Reason: "backendError", Method: "POST", PathContains: $"/events/{failing}/move"));

        await Assert.ThrowsAnyAsync<GoogleApiException>(() => Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct));

        // Part-way: each event is live on exactly one calendar, its link says which, and the wallet is untouched.
        Assert.Equal(dedicated.Id, (await H.Settings.GetAsync(H.UserId, Ct))!.CalendarId);
        Assert.Equal(wallet, await H.Events.ListAsync(H.UserId, new EventQuery(), Ct));
        foreach (var bill in bills)
        {
            var mapping = (await H.Mappings.GetByEventAsync(H.UserId, bill.Id, Ct))!;
            Assert.Equal(mapping.GoogleCalendarId, Assert.Single(await LiveOnAsync(bill, dedicated.Id)));
        }

        Assert.Equal("primary", (await H.Mappings.GetByEventAsync(H.UserId, bills[1].Id, Ct))!.GoogleCalendarId);
        var failed = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.CalendarSwitched), Ct));
        Assert.Equal(AuditOutcome.Failed, failed.Status);

        await H.Admin.ClearFaultsAsync();
        await H.Admin.ClearRequestsAsync();
        if (runAgain)
        {
            await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        }

        await H.DrainQueueAsync();

        foreach (var bill in bills)
        {
            Assert.Equal([dedicated.Id], await LiveOnAsync(bill, dedicated.Id));
            Assert.Equal(dedicated.Id, (await H.Mappings.GetByEventAsync(H.UserId, bill.Id, Ct))!.GoogleCalendarId);
        }

        Assert.Equal(wallet, await H.Events.ListAsync(H.UserId, new EventQuery(), Ct));
        var requests = await H.Admin.GetRequestsAsync();
        Assert.Contains(requests, r => r is { Operation: "events.move", Status: < 300 } && r.Path.Contains(failing, StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Operation is "events.insert" or "events.delete");
        Assert.Equal(3, (await MovesAsync(CalendarRehoming.MovedCode)).Count);
    }

    [Fact]
    public async Task A_move_whose_answer_is_lost_to_a_timeout_leaves_the_event_once_on_the_new_calendar()
    {
        await using var h = await SyncHarness.StartAsync(Database, new SyncHarnessOptions { Settings = { ["Google:AttemptTimeout"] = "00:00:03" } });
        await h.ConnectAsync();
        var rent = await h.CreateEventAsync("Rent");
        await h.DrainQueueAsync();
        var walletBefore = (await h.Events.GetAsync(h.UserId, rent.Id, Ct))!;
        var connection = h.Services.GetRequiredService<IGoogleConnectionService>();
        var dedicated = await connection.CreateCalendarAsync(h.UserId, DedicatedSummary, null, Ct);
        // Google moves the event but its answer never arrives: the attempt times out and the client retries the move.
        await h.Admin.LoseResponsesAsync(new LostResponseRule(Count: 1, DelayMilliseconds: 120_000, Method: "POST", PathContains: "/move"));

        await connection.SwitchCalendarAsync(h.UserId, dedicated.Id, Ct);
        await h.DrainQueueAsync();

        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);
        Assert.True((await h.Google.GetEventAsync(h.Account, "primary", eventId, Ct)).IsCancelled);
        var there = await h.Google.GetEventAsync(h.Account, dedicated.Id, eventId, Ct);
        Assert.Equal(rent.Id.ToString(), there.GetPrivateProperty(AegisProperties.EventId));
        Assert.Equal(walletBefore, Assert.Single(await h.Events.ListAsync(h.UserId, new EventQuery(), Ct)));
        Assert.Equal(dedicated.Id, (await h.Mappings.GetByEventAsync(h.UserId, rent.Id, Ct))!.GoogleCalendarId);
        Assert.Empty(await h.Queue.ListAsync(h.UserId, QueueStatus.Failed, 10, Ct));
    }

    /// <summary>The calendars (of the primary and <paramref name="other"/>) on which Google holds the event live.</summary>
    private async Task<IReadOnlyList<string>> LiveOnAsync(FinancialEvent e, string other)
    {
        var eventId = GoogleEventId.FromFinancialEventId(e.Id);
        var live = new List<string>();
        foreach (var calendar in new[] { "primary", other })
        {
            try
            {
                if (!(await H.Google.GetEventAsync(H.Account, calendar, eventId, Ct)).IsCancelled)
                {
                    live.Add(calendar);
                }
            }
            catch (NotFoundException)
            {
                // Never on that calendar.
            }
        }

        return live;
    }

    private async Task<IReadOnlyList<AuditEntry>> MovesAsync(string code) =>
        (await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.SyncToGoogle, Limit: 200), Ct)).Where(a => a.ErrorCode == code).ToList();

    [Fact]
    public async Task After_a_switch_wallet_edits_go_to_the_new_calendar_and_google_edits_there_flow_back()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();
        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);

        await H.EditLocallyAsync(rent.Id, e => e with { Amount = 990m });
        await H.DrainQueueAsync();
        var afterWalletEdit = await H.Google.GetEventAsync(H.Account, dedicated.Id, eventId, Ct);
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, dedicated.Id, eventId, new { summary = "Rent (new landlord)" });
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        Assert.Equal("990", afterWalletEdit.GetPrivateProperty(AegisProperties.Amount));
        Assert.True((await H.Google.GetEventAsync(H.Account, "primary", eventId, Ct)).IsCancelled);
        var local = (await H.Events.GetAsync(H.UserId, rent.Id, Ct))!;
        Assert.Equal("Rent (new landlord)", local.Title);
        Assert.Equal(990m, local.Amount);
        Assert.Equal(dedicated.Id, (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!.GoogleCalendarId);
    }

    [Fact]
    public async Task Two_switches_at_once_leave_exactly_one_channel_open_and_the_second_is_refused_as_in_progress()
    {
        var watch = new GoogleCallGate("/events/watch");
        await using var h = await SyncHarness.StartAsync(Database, new SyncHarnessOptions { ConfigureServices = watch.AddTo });
        var connection = h.Services.GetRequiredService<IGoogleConnectionService>();
        await h.ConnectAsync();
        var family = await h.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Family", CalendarAccessRoles.Writer);
        var dedicated = await connection.CreateCalendarAsync(h.UserId, DedicatedSummary, null, Ct);
        await h.Admin.ClearRequestsAsync();
        watch.Arm();

        // A double click: the first switch is opening the new calendar's channel when the second one starts.
        var first = connection.SwitchCalendarAsync(h.UserId, dedicated.Id, Ct);
        await watch.FirstHeld;
        var second = connection.SwitchCalendarAsync(h.UserId, family.Id, Ct);
        await Task.WhenAny(second, watch.LaterCallArrived);
        watch.Release();
        var result = await first;
        var refusal = await Record.ExceptionAsync(() => second);

        var calls = (await h.Admin.GetRequestsAsync()).Where(r => r.Status < 300).Select(r => r.Operation).ToList();
        var openChannels = 1 + calls.Count(c => c == "events.watch") - calls.Count(c => c == "channels.stop");
        Assert.Equal(1, openChannels);
        var refused = Assert.IsType<CalendarChoiceException>(refusal);
        Assert.Equal(CalendarChoiceException.SwitchInProgress, refused.Code);
        Assert.Contains("already in progress", refused.Message, StringComparison.Ordinal);
        Assert.True(result.Changed);
        Assert.Equal(dedicated.Id, (await h.Settings.GetAsync(h.UserId, Ct))!.CalendarId);

        // Once the first switch is over, the next one goes through and still leaves one channel open.
        var later = await connection.SwitchCalendarAsync(h.UserId, family.Id, Ct);
        calls = (await h.Admin.GetRequestsAsync()).Where(r => r.Status < 300).Select(r => r.Operation).ToList();
        Assert.True(later.Changed);
        Assert.Equal(1, 1 + calls.Count(c => c == "events.watch") - calls.Count(c => c == "channels.stop"));
        var audit = await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.CalendarSwitched), Ct);
        Assert.Contains(audit, a => a.Status == AuditOutcome.Failed && a.ErrorCode == CalendarChoiceException.SwitchInProgress);
    }

    [Fact]
    public async Task Wallet_edit_racing_a_switch_moves_the_event_instead_of_updating_the_old_copy()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        var settings = (await H.Settings.GetAsync(H.UserId, Ct))!;
        // The switch has stored the new calendar but not yet re-homed the mapping.
        await H.Settings.SaveCalendarAsync(H.UserId, dedicated.Id, settings.GoogleChannelId!, settings.GoogleResourceId,
            settings.ChannelExpiryAt!.Value, Ct);

        await H.EditLocallyAsync(rent.Id, e => e with { Amount = 1010m });
        await H.DrainQueueAsync();

        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);
        Assert.True((await H.Google.GetEventAsync(H.Account, "primary", eventId, Ct)).IsCancelled);
        Assert.Equal("1010", (await H.Google.GetEventAsync(H.Account, dedicated.Id, eventId, Ct)).GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal(dedicated.Id, (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!.GoogleCalendarId);
        Assert.NotNull(await H.Events.GetAsync(H.UserId, rent.Id, Ct));
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
    }

    [Fact]
    public async Task Switching_to_a_calendar_marked_for_import_imports_the_events_already_on_it()
    {
        await H.ConnectAsync();
        var family = await H.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Family", CalendarAccessRoles.Writer);
        var start = DateTimeOffset.UtcNow.Date.AddDays(4);
        var school = await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, family.Id, new GoogleCalendarEmulator.Calendar.Model.CalendarEvent
        {
            Summary = "School fees",
            Start = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = start.ToString("yyyy-MM-dd") },
            End = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = start.AddDays(1).ToString("yyyy-MM-dd") },
        });

        // Switching alone clears the marking (another calendar); the user marks the new one in the same change.
        await H.Services.GetRequiredService<ConnectionCommands>().UpdatePreferencesAsync(H.UserId,
            new SyncPreferencesChange(CalendarId: family.Id, ImportForeignEvents: true), Ct);
        await H.DrainQueueAsync();

        var imported = Assert.Single(await H.Events.ListAsync(H.UserId, new EventQuery(), Ct));
        Assert.Equal("School fees", imported.Title);
        Assert.NotNull(await H.Mappings.GetByGoogleIdAsync(H.UserId, family.Id, school.Id!, Ct));
    }

    [Theory]
    [InlineData(CalendarAccessRoles.Reader, CalendarChoiceException.ReadOnly)]
    [InlineData(CalendarAccessRoles.FreeBusyReader, CalendarChoiceException.ReadOnly)]
    [InlineData(null, CalendarChoiceException.NotFound)]
    public async Task Switching_to_a_calendar_the_account_cannot_write_is_refused_and_changes_nothing(string? role, string expectedCode)
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        var target = role is null
            ? "nobody@group.calendar.google.com"
            : (await H.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Holidays", role)).Id;
        var settingsBefore = (await H.Settings.GetAsync(H.UserId, Ct))!;
        var mappingsBefore = await H.Mappings.ListAsync(H.UserId, Ct);
        var callsBefore = await H.CountsAsync();

        var refused = await Assert.ThrowsAsync<CalendarChoiceException>(() => Connection.SwitchCalendarAsync(H.UserId, target, Ct));

        Assert.Equal(expectedCode, refused.Code);
        Assert.Equal(new Dictionary<string, int> { ["calendarList.list"] = 1 }, SyncHarness.Delta(callsBefore, await H.CountsAsync()));
        var settingsAfter = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.Equal(settingsBefore with { UpdatedAt = settingsAfter.UpdatedAt }, settingsAfter);
        Assert.Equal(mappingsBefore, await H.Mappings.ListAsync(H.UserId, Ct));
        Assert.False((await H.GetRemoteAsync(rent.Id)).IsCancelled);
        Assert.Equal(0, await H.DrainQueueAsync());
        var audit = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.CalendarSwitched), Ct));
        Assert.Equal((AuditOutcome.Failed, expectedCode), (audit.Status, audit.ErrorCode));
    }

    [Fact]
    public async Task Switching_again_to_the_same_calendar_is_a_no_op()
    {
        await H.ConnectAsync();
        await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);
        await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        await H.DrainQueueAsync();
        await H.Admin.ClearRequestsAsync();

        var again = await Connection.SwitchCalendarAsync(H.UserId, dedicated.Id, Ct);
        var primaryByEmail = await Connection.SwitchCalendarAsync(H.UserId, SyncHarness.Email, Ct);
        var backToPrimary = await Connection.SwitchCalendarAsync(H.UserId, "primary", Ct);

        Assert.Equal(new CalendarSwitchResult(dedicated.Id, Changed: false, EventsMoved: 0), again);
        Assert.Equal(new CalendarSwitchResult("primary", Changed: true, EventsMoved: 1), primaryByEmail);
        Assert.Equal(new CalendarSwitchResult("primary", Changed: false, EventsMoved: 0), backToPrimary);
        // Counted by successful responses: under load a call may be retried after a rate-limit answer.
        var succeeded = (await H.Admin.GetRequestsAsync()).Where(r => r.Status < 300).ToList();
        Assert.Equal(3, succeeded.Count(r => r.Operation == "calendarList.list"));
        Assert.Equal(1, succeeded.Count(r => r.Operation == "events.watch"));
        Assert.Equal(1, succeeded.Count(r => r.Operation == "channels.stop"));
    }

    [Fact]
    public async Task Writable_calendars_list_the_primary_and_writable_ones_and_mark_the_selected_one()
    {
        await H.ConnectAsync();
        await H.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Holidays", CalendarAccessRoles.Reader);
        var family = await H.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Family", CalendarAccessRoles.Writer);
        var dedicated = await Connection.CreateCalendarAsync(H.UserId, DedicatedSummary, null, Ct);

        var calendars = await Connection.ListWritableCalendarsAsync(H.UserId, Ct);

        Assert.Equal([SyncHarness.Email, dedicated.Id, family.Id], calendars.Select(c => c.Id));
        Assert.True(calendars[0].Primary);
        Assert.True(calendars[0].Selected);
        Assert.Equal(CalendarListEntry.WriterRole, calendars[2].AccessRole);
        Assert.DoesNotContain(calendars.Skip(1), c => c.Selected);
    }

    [Fact]
    public async Task Calendars_beyond_the_first_page_of_the_calendar_list_are_listed_and_can_be_chosen()
    {
        await H.ConnectAsync();
        // Google's calendarList pages hold at most 250 entries: 260 shared calendars and the primary make two pages.
        var shared = new List<string>();
        for (var i = 0; i < 260; i++)
        {
            shared.Add((await H.Admin.AddSharedCalendarAsync(SyncHarness.Email, $"Envelope {i:D3}", CalendarAccessRoles.Writer)).Id);
        }

        var before = await H.CountsAsync();
        var calendars = await Connection.ListWritableCalendarsAsync(H.UserId, Ct);
        var listCalls = SyncHarness.Delta(before, await H.CountsAsync()).GetValueOrDefault("calendarList.list");
        var last = shared.Order(StringComparer.Ordinal).Last();
        var switched = await Connection.SwitchCalendarAsync(H.UserId, last, Ct);

        Assert.Equal(261, calendars.Count);
        Assert.Equal(2, listCalls);
        Assert.Equal(shared.Order(StringComparer.Ordinal), calendars.Where(c => !c.Primary).Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.True(switched.Changed);
        Assert.Equal(last, (await H.Settings.GetAsync(H.UserId, Ct))!.CalendarId);
    }

    [Fact]
    public async Task Calendar_operations_require_a_connected_account()
    {
        var user = await H.Services.GetRequiredService<IUserStore>().CreateAsync("someone@example.com", "Someone", Ct);

        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => Connection.SwitchCalendarAsync(user.Id, "primary", Ct));
        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => Connection.ListWritableCalendarsAsync(user.Id, Ct));
        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => Connection.CreateCalendarAsync(user.Id, DedicatedSummary, null, Ct));
    }
}

public sealed class SqliteCalendarSwitchTests(SqliteTestDatabase database) : CalendarSwitchTests<SqliteTestDatabase>(database);

public sealed class PostgresCalendarSwitchTests(PostgresTestDatabase database) : CalendarSwitchTests<PostgresTestDatabase>(database);
