using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>A recurring bill end to end (engine + real database + emulator over HTTP): one recurring Google event,
/// occurrences changed one at a time on either side, each costing one API call; subclassed once per engine.</summary>
public abstract class RecurringBillSyncTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private SyncHarness _h = null!;

    private IOccurrenceStore Occurrences => _h.Services.GetRequiredService<IOccurrenceStore>();

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static DateOnly FirstMonth => MonthlyRent.FirstMonth;

    private static string InstanceId(string masterId, int month) => MonthlyRent.InstanceId(masterId, month);

    [Fact]
    public async Task Monthly_rent_of_twelve_follows_person_edits_per_occurrence_and_shows_paid_months_in_google()
    {
        await _h.ConnectAsync();
        var rent = await CreateMonthlyRentAsync();

        // 12 monthly occurrences -> one recurring Google event with 12 instances (an all-day series: no timeZone needed).
        var before = await _h.CountsAsync();
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.insert"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        var master = await _h.GetRemoteAsync(rent.Id);
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=12"], master.Recurrence);
        Assert.Null(master.Start!.TimeZone);
        var instances = await InstancesAsync(master.Id!);
        Assert.Equal(12, instances.Count);
        Assert.All(instances, i => Assert.Equal(master.Id, i.RecurringEventId));

        // A person moves March in Google -> only the wallet's March occurrence moves.
        var march = await WalletOccurrencesAsync(rent.Id);
        var newMarchDate = FirstMonth.AddMonths(2).AddDays(4);
        before = await _h.CountsAsync();
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", InstanceId(master.Id!, 3), new
        {
            start = new { date = newMarchDate.ToString("yyyy-MM-dd") },
            end = new { date = newMarchDate.AddDays(1).ToString("yyyy-MM-dd") },
        });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        var afterMove = await WalletOccurrencesAsync(rent.Id);
        Assert.Equal(12, afterMove.Count);
        Assert.Equal(newMarchDate, LocalDate(afterMove[2].StartAt));
        Assert.True(afterMove[2].IsMoved);
        Assert.Equal(march.Where((_, i) => i != 2), afterMove.Where((_, i) => i != 2));
        Assert.Equal(rent with { UpdatedAt = default }, (await _h.Events.GetAsync(_h.UserId, rent.Id, Ct))! with { UpdatedAt = default });
        Assert.Single(await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct));

        // A person deletes April -> April is skipped in the wallet.
        before = await _h.CountsAsync();
        await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", InstanceId(master.Id!, 4));
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        var afterDelete = await WalletOccurrencesAsync(rent.Id);
        Assert.Equal(OccurrenceStatus.Skipped, afterDelete[3].Status);
        Assert.Equal(1, afterDelete.Count(o => o.Status == OccurrenceStatus.Skipped));

        // The user marks May paid in the wallet -> Google's May instance shows it, with one API call.
        before = await _h.CountsAsync();
        Assert.True(await Occurrences.UpsertAsync(new OccurrenceOverride
        {
            UserId = _h.UserId, FinancialEventId = rent.Id, OriginalStart = afterDelete[4].OriginalStart, Status = OccurrenceStatus.Paid,
        }, Ct));
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.patch"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        var may = await _h.Google.GetEventAsync(_h.Account, "primary", InstanceId(master.Id!, 5), Ct);
        Assert.StartsWith(SummaryFormat.PaidMarker, may.Summary);
        Assert.Equal("paid", may.GetPrivateProperty(AegisProperties.Status));
        Assert.Equal(master.Id, may.RecurringEventId);

        // The echo of our own instance write costs nothing and changes nothing.
        before = await _h.CountsAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        Assert.Equal(OccurrenceStatus.Paid, (await WalletOccurrencesAsync(rent.Id))[4].Status);

        // "This and following" from September in Google -> two wallet series, 12 occurrences in all, none duplicated.
        await _h.Admin.SplitSeriesAsPersonAsync(SyncHarness.Email, "primary", InstanceId(master.Id!, 9), new { location = "New flat" });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        var series = await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct);
        Assert.Equal(2, series.Count);
        var all = new List<Occurrence>();
        foreach (var s in series)
        {
            all.AddRange(await WalletOccurrencesAsync(s.Id));
        }

        Assert.Equal(12, all.Count);
        Assert.Equal(12, all.Select(o => o.OriginalStart).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 12).Select(m => FirstMonth.AddMonths(m)), all.Select(o => LocalDate(o.OriginalStart)).Order());
        var following = series.Single(s => s.Id != rent.Id);
        Assert.Equal((FirstMonth.AddMonths(8), "New flat", 950m), (LocalDate(following.StartAt), following.Location, following.Amount));
        Assert.Equal(8, (await WalletOccurrencesAsync(rent.Id)).Count);
        var kept = await WalletOccurrencesAsync(rent.Id);
        Assert.Equal((OccurrenceStatus.Skipped, OccurrenceStatus.Paid, newMarchDate), (kept[3].Status, kept[4].Status, LocalDate(kept[2].StartAt)));
        Assert.Empty(await _h.Queue.ListAsync(_h.UserId, QueueStatus.Failed, 10, Ct));
    }

    [Fact]
    public async Task Skipping_and_restoring_an_occurrence_in_the_wallet_deletes_and_recreates_only_that_instance()
    {
        await _h.ConnectAsync();
        var rent = await CreateMonthlyRentAsync();
        await _h.DrainQueueAsync();
        var master = await _h.GetRemoteAsync(rent.Id);
        var june = (await WalletOccurrencesAsync(rent.Id))[5];
        var key = new OccurrenceOverride { UserId = _h.UserId, FinancialEventId = rent.Id, OriginalStart = june.OriginalStart };

        var before = await _h.CountsAsync();
        await Occurrences.UpsertAsync(key with { Status = OccurrenceStatus.Skipped }, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.delete"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        Assert.Equal(11, (await InstancesAsync(master.Id!)).Count);

        before = await _h.CountsAsync();
        await Occurrences.UpsertAsync(key with { Status = OccurrenceStatus.Pending, Amount = 990m }, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.update"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        var restored = await _h.Google.GetEventAsync(_h.Account, "primary", InstanceId(master.Id!, 6), Ct);
        Assert.Equal(("confirmed", "990"), (restored.Status, restored.GetPrivateProperty(AegisProperties.Amount)));
        Assert.Equal(12, (await InstancesAsync(master.Id!)).Count);

        // Echoes of both writes cost nothing.
        before = await _h.CountsAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
        Assert.Equal((OccurrenceStatus.Pending, 990m), ((await WalletOccurrencesAsync(rent.Id))[5].Status, (await WalletOccurrencesAsync(rent.Id))[5].Amount));
    }

    [Fact]
    public async Task Occurrences_changed_before_google_was_connected_reach_google_with_the_series()
    {
        await _h.CreateUserAsync();
        var rent = await CreateMonthlyRentAsync();
        var occurrences = await WalletOccurrencesAsync(rent.Id);
        await Occurrences.UpsertAsync(new OccurrenceOverride
        {
            UserId = _h.UserId, FinancialEventId = rent.Id, OriginalStart = occurrences[4].OriginalStart, Status = OccurrenceStatus.Paid,
        }, Ct);
        await Occurrences.UpsertAsync(new OccurrenceOverride
        {
            UserId = _h.UserId, FinancialEventId = rent.Id, OriginalStart = occurrences[6].OriginalStart, Status = OccurrenceStatus.Skipped,
        }, Ct);

        await _h.ConnectAsync();

        var master = await _h.GetRemoteAsync(rent.Id);
        var may = await _h.Google.GetEventAsync(_h.Account, "primary", InstanceId(master.Id!, 5), Ct);
        Assert.Equal("paid", may.GetPrivateProperty(AegisProperties.Status));
        Assert.Equal(11, (await InstancesAsync(master.Id!)).Count);
        Assert.DoesNotContain(await InstancesAsync(master.Id!), i => i.Id == InstanceId(master.Id!, 7));
    }

    [Fact]
    public async Task Exdate_added_in_google_skips_that_occurrence_and_keeps_every_line_verbatim()
    {
        await _h.ConnectAsync();
        var rent = await CreateMonthlyRentAsync();
        await _h.DrainQueueAsync();
        var master = await _h.GetRemoteAsync(rent.Id);
        var exdate = $"EXDATE;VALUE=DATE:{FirstMonth.AddMonths(1):yyyyMMdd}";

        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", master.Id!, new { recurrence = new[] { "RRULE:FREQ=MONTHLY;COUNT=12", exdate } });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        var before = await _h.CountsAsync();
        await _h.DrainQueueAsync();

        Assert.Equal($"RRULE:FREQ=MONTHLY;COUNT=12\n{exdate}", (await _h.Events.GetAsync(_h.UserId, rent.Id, Ct))!.Recurrence);
        var occurrences = await WalletOccurrencesAsync(rent.Id);
        Assert.Equal(12, occurrences.Count);
        Assert.Equal([1], occurrences.Select((o, i) => (o, i)).Where(p => p.o.Status == OccurrenceStatus.Skipped).Select(p => p.i));
        Assert.Empty(SyncHarness.Delta(before, await _h.CountsAsync()));
        Assert.Equal(11, (await InstancesAsync(master.Id!)).Count);
    }

    [Fact]
    public async Task Both_sides_changing_one_occurrence_is_decided_by_the_users_strategy_for_that_occurrence_only()
    {
        await _h.ConnectAsync(ConflictStrategy.GoogleWins);
        var rent = await CreateMonthlyRentAsync();
        await _h.DrainQueueAsync();
        var master = await _h.GetRemoteAsync(rent.Id);
        var july = (await WalletOccurrencesAsync(rent.Id))[6];
        await Occurrences.UpsertAsync(new OccurrenceOverride
        {
            UserId = _h.UserId, FinancialEventId = rent.Id, OriginalStart = july.OriginalStart, Status = OccurrenceStatus.Paid,
        }, Ct);
        await _h.DrainQueueAsync();

        // The wallet changes July's amount while a person renames July in Google.
        await Occurrences.UpsertAsync(new OccurrenceOverride
        {
            UserId = _h.UserId, FinancialEventId = rent.Id, OriginalStart = july.OriginalStart, Status = OccurrenceStatus.Paid, Amount = 999m,
        }, Ct);
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", InstanceId(master.Id!, 7), new { summary = "Rent (July, agreed)" });
        await _h.DrainQueueAsync();

        var occurrences = await WalletOccurrencesAsync(rent.Id);
        Assert.Equal(("Rent (July, agreed)", 950m), (occurrences[6].Title, occurrences[6].Amount));
        Assert.All(occurrences.Where((_, i) => i != 6), o => Assert.Equal("Rent", o.Title));
        var conflict = Assert.Single(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Limit: 200), Ct), a => a.Action == AuditAction.Conflict);
        Assert.Equal(rent.Id, conflict.FinancialEventId);
        Assert.Equal(InstanceId(master.Id!, 7), conflict.GoogleEventId);
    }

    [Fact]
    public async Task Instances_of_a_series_the_wallet_does_not_hold_and_unknown_original_starts_never_block_the_sync()
    {
        await _h.ConnectAsync();
        var rent = await CreateMonthlyRentAsync();
        await _h.DrainQueueAsync();
        var master = await _h.GetRemoteAsync(rent.Id);
        var inbound = _h.Services.GetRequiredService<Aegis.CalendarSync.Sync.InboundSync>();
        var settings = (await _h.Settings.GetAsync(_h.UserId, Ct))!;

        await inbound.ApplyAsync(settings, new GoogleEvent { Id = "zzz_20270101", RecurringEventId = "zzz", Status = "cancelled" }, Ct);
        await inbound.ApplyAsync(settings, new GoogleEvent { Id = master.Id + "_x", RecurringEventId = master.Id, Status = "confirmed" }, Ct);
        await inbound.ApplyAsync(settings, new GoogleEvent
        {
            Id = master.Id + "_20270101T090000Z", RecurringEventId = master.Id, Status = "confirmed",
            OriginalStartTime = new EventDateTime { DateTime = DateTimeOffset.UtcNow },
        }, Ct);

        Assert.Empty(await Occurrences.ListAsync(_h.UserId, rent.Id, Ct));
        Assert.Single(await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct));
        var skipped = (await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Limit: 200), Ct)).Where(a => a.Action == AuditAction.SyncFromGoogle).Select(a => a.ErrorCode);
        Assert.Equal(["not_an_occurrence", "not_an_occurrence", "unknown_series"], skipped.Order());
    }

    private Task<FinancialEvent> CreateMonthlyRentAsync() => MonthlyRent.CreateAsync(_h);

    private Task<IReadOnlyList<Occurrence>> WalletOccurrencesAsync(Guid seriesId) => MonthlyRent.OccurrencesAsync(_h, seriesId);

    private async Task<IReadOnlyList<GoogleEvent>> InstancesAsync(string masterId)
    {
        var from = new DateTimeOffset(FirstMonth.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var page = await _h.Google.ListEventsAsync(_h.Account, "primary",
            new ListEventsRequest { SingleEvents = true, TimeMin = from.AddDays(-1), TimeMax = from.AddYears(2), MaxResults = 2500 }, Ct);
        return page.Items.Where(i => i.RecurringEventId == masterId && !i.IsCancelled).ToList();
    }

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
}

public sealed class SqliteRecurringBillSyncTests(SqliteTestDatabase database) : RecurringBillSyncTests<SqliteTestDatabase>(database);

public sealed class PostgresRecurringBillSyncTests(PostgresTestDatabase database) : RecurringBillSyncTests<PostgresTestDatabase>(database);
