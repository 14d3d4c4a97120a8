using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The occurrence-override store's behaviour on every engine; subclassed once per engine.</summary>
public abstract class OccurrenceStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private IOccurrenceStore Occurrences => Services.GetRequiredService<IOccurrenceStore>();

    [Fact]
    public async Task Override_round_trips_every_field_and_is_stamped_by_the_clock()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        var o = NewOverride(series) with
        {
            Status = OccurrenceStatus.Paid, Amount = 1250.1234m, StartAt = Start.AddDays(40), EndAt = Start.AddDays(40).AddHours(2),
            Title = "Rent (late)", SyncSource = SyncSource.Manual,
        };

        Assert.True(await Occurrences.UpsertAsync(o, Ct));

        Assert.Equal(o with { CreatedAt = Start, UpdatedAt = Start }, await Occurrences.GetAsync(userId, series.Id, o.OriginalStart, Ct));
    }

    [Fact]
    public async Task Upsert_replaces_the_content_and_keeps_created_at_and_sync_state()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        var o = NewOverride(series) with { Status = OccurrenceStatus.Paid, Amount = 10m };
        await Occurrences.UpsertAsync(o, Ct);
        await Occurrences.RecordSyncAsync(userId, series.Id, o.OriginalStart, "\"e1\"", "hash1", null, Ct);

        Time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await Occurrences.UpsertAsync(o with { Status = OccurrenceStatus.Skipped, Amount = null }, Ct));

        var stored = await Occurrences.GetAsync(userId, series.Id, o.OriginalStart, Ct);
        Assert.Equal((OccurrenceStatus.Skipped, (decimal?)null, Start, Start.AddMinutes(3), "\"e1\"", "hash1"),
            (stored!.Status, stored.Amount, stored.CreatedAt, stored.UpdatedAt, stored.GoogleEtag, stored.ContentHash));
    }

    [Fact]
    public async Task A_save_that_changes_nothing_keeps_the_clock_and_source_and_a_real_change_stamps_them()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        var o = NewOverride(series) with { Status = OccurrenceStatus.Paid, Amount = 990.5m, Title = "Rent (July)", SyncSource = SyncSource.Google };
        await Occurrences.UpsertAsync(o, Ct);

        Time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await Occurrences.UpsertAsync(o with { SyncSource = SyncSource.Aegis }, Ct));
        var kept = await Occurrences.GetAsync(userId, series.Id, o.OriginalStart, Ct);
        Assert.Equal((Start, SyncSource.Google), (kept!.UpdatedAt, kept.SyncSource));

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Occurrences.UpsertAsync(o with { Title = null, SyncSource = SyncSource.Aegis }, Ct));
        var changed = await Occurrences.GetAsync(userId, series.Id, o.OriginalStart, Ct);
        Assert.Equal((Start.AddMinutes(4), SyncSource.Aegis, (string?)null), (changed!.UpdatedAt, changed.SyncSource, changed.Title));
    }

    [Fact]
    public async Task Record_sync_sets_the_synced_version_when_given_and_keeps_it_otherwise()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        var o = NewOverride(series) with { Status = OccurrenceStatus.Paid };
        await Occurrences.UpsertAsync(o, Ct);
        Assert.Null((await Occurrences.GetAsync(userId, series.Id, o.OriginalStart, Ct))!.SyncedVersionAt);

        await Occurrences.RecordSyncAsync(userId, series.Id, o.OriginalStart, "\"e1\"", "h1", Start, Ct);
        await Occurrences.RecordSyncAsync(userId, series.Id, o.OriginalStart, "\"e2\"", "h1", null, Ct);

        var stored = await Occurrences.GetAsync(userId, series.Id, o.OriginalStart, Ct);
        Assert.Equal(("\"e2\"", "h1", (DateTimeOffset?)Start), (stored!.GoogleEtag, stored.ContentHash, stored.SyncedVersionAt));
    }

    [Fact]
    public async Task Overrides_are_listed_per_series_in_original_start_order()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        var other = await InsertSeriesAsync(userId);
        foreach (var month in new[] { 5, 2, 9 })
            await Occurrences.UpsertAsync(NewOverride(series, month), Ct);
        await Occurrences.UpsertAsync(NewOverride(other, 1), Ct);

        var listed = await Occurrences.ListAsync(userId, series.Id, Ct);

        Assert.Equal([Month(2), Month(5), Month(9)], listed.Select(o => o.OriginalStart));
    }

    [Fact]
    public async Task Overrides_of_one_user_are_invisible_and_immutable_to_another()
    {
        var owner = await NewUserAsync();
        var intruder = await NewUserAsync();
        var series = await InsertSeriesAsync(owner);
        var o = NewOverride(series);
        await Occurrences.UpsertAsync(o, Ct);

        Assert.False(await Occurrences.UpsertAsync(o with { UserId = intruder, Status = OccurrenceStatus.Skipped }, Ct));
        await Occurrences.RecordSyncAsync(intruder, series.Id, o.OriginalStart, "\"x\"", "x", null, Ct);
        Assert.Equal(0, await Occurrences.MoveAsync(intruder, series.Id, series.Id, DateTimeOffset.MinValue, Ct));

        Assert.Null(await Occurrences.GetAsync(intruder, series.Id, o.OriginalStart, Ct));
        Assert.Empty(await Occurrences.ListAsync(intruder, series.Id, Ct));
        var stored = await Occurrences.GetAsync(owner, series.Id, o.OriginalStart, Ct);
        Assert.Equal((OccurrenceStatus.Paid, (string?)null), (stored!.Status, stored.GoogleEtag));
    }

    [Fact]
    public async Task Override_of_an_unknown_series_is_refused_and_nothing_is_written()
    {
        var userId = await NewUserAsync();
        var ghost = NewEvent(userId);

        Assert.False(await Occurrences.UpsertAsync(NewOverride(ghost), Ct));

        Assert.Empty(await Occurrences.ListAsync(userId, ghost.Id, Ct));
        Assert.Empty(await QueueOfAsync(userId));
    }

    [Fact]
    public async Task Wallet_change_of_an_override_enqueues_the_series_upsert_coalesced_with_its_pending_item()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        await CompleteAllAsync();

        Time.Advance(TimeSpan.FromMinutes(1));
        await Occurrences.UpsertAsync(NewOverride(series, 3), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Occurrences.UpsertAsync(NewOverride(series, 4) with { Status = OccurrenceStatus.Skipped }, Ct);
        await Occurrences.UpsertAsync(NewOverride(series, 3) with { Status = OccurrenceStatus.Pending }, Ct);

        var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal((series.Id, QueueAction.Upsert, Start.AddMinutes(2)), (pending.FinancialEventId!.Value, pending.Action, pending.NextAttemptAt));
    }

    [Fact]
    public async Task Google_writes_and_sync_state_writes_enqueue_nothing()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        await CompleteAllAsync();

        var o = NewOverride(series) with { SyncSource = SyncSource.Google };
        await Occurrences.UpsertAsync(o, Ct);
        await Occurrences.RecordSyncAsync(userId, series.Id, o.OriginalStart, "\"e2\"", "h", null, Ct);

        Assert.Empty(await QueueOfAsync(userId, QueueStatus.Pending));
    }

    [Fact]
    public async Task Override_of_a_deleted_series_does_not_turn_its_pending_delete_into_an_upsert()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        await CompleteAllAsync();
        await Events.SoftDeleteAsync(userId, series.Id, SyncSource.Aegis, Start, Ct);

        await Occurrences.UpsertAsync(NewOverride(series), Ct);

        var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal(QueueAction.Delete, pending.Action);
    }

    [Fact]
    public async Task Move_hands_the_overrides_from_a_start_on_to_the_other_series()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        var tail = await InsertSeriesAsync(userId);
        foreach (var month in new[] { 3, 8, 9, 11 })
            await Occurrences.UpsertAsync(NewOverride(series, month), Ct);

        Assert.Equal(2, await Occurrences.MoveAsync(userId, series.Id, tail.Id, Month(9), Ct));

        Assert.Equal([Month(3), Month(8)], (await Occurrences.ListAsync(userId, series.Id, Ct)).Select(o => o.OriginalStart));
        Assert.Equal([Month(9), Month(11)], (await Occurrences.ListAsync(userId, tail.Id, Ct)).Select(o => o.OriginalStart));
        Assert.Equal(0, await Occurrences.MoveAsync(userId, series.Id, Guid.NewGuid(), Month(1), Ct));
    }

    [Fact]
    public async Task Overrides_go_with_a_hard_deleted_series()
    {
        var userId = await NewUserAsync();
        var series = await InsertSeriesAsync(userId);
        await Occurrences.UpsertAsync(NewOverride(series), Ct);

        await ExecuteSqlAsync("DELETE FROM financial_events WHERE id = @id", new { id = DbId(series.Id) });

        Assert.Empty(await Occurrences.ListAsync(userId, series.Id, Ct));
    }

    private static DateTimeOffset Month(int month) => new(2025, month, 1, 0, 0, 0, TimeSpan.Zero);

    private static OccurrenceOverride NewOverride(FinancialEvent series, int month = 4) => new()
    {
        UserId = series.UserId,
        FinancialEventId = series.Id,
        OriginalStart = Month(month),
        Status = OccurrenceStatus.Paid,
    };

    private async Task<FinancialEvent> InsertSeriesAsync(Guid userId)
    {
        var series = NewEvent(userId) with { AllDay = true, Recurrence = "RRULE:FREQ=MONTHLY;COUNT=12" };
        await Events.InsertAsync(series, Ct);
        return series;
    }

    private async Task CompleteAllAsync()
    {
        foreach (var item in await Queue.ClaimAsync(100, Lease, Ct))
            Assert.True(await Queue.CompleteAsync(item.Id, item.LeaseId!.Value, Ct));
    }
}
