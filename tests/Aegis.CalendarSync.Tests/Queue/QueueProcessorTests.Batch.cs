using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Queue;

/// <summary>A claimed batch's to_google items share one load and one commit (<see cref="Store.IQueueBatch"/>): what the
/// handlers write through the stores is committed with the outcomes, each item fenced by its own lease.</summary>
public abstract partial class QueueProcessorTests<TDatabase>
{
    private StatementCounter Db => Services.GetRequiredService<StatementCounter>();

    /// <summary>A handler doing what a push does to the stores: read settings, event and mapping, write the mapping at
    /// the version read, append an audit row; <paramref name="during"/> runs between the mapping write and the audit.</summary>
    private Func<SyncQueueItem, CancellationToken, Task> Pushes(Func<SyncQueueItem, Task>? during = null) => async (item, ct) =>
    {
        var eventId = item.FinancialEventId!.Value;
        Assert.NotNull(await Settings.GetAsync(item.UserId, ct));
        var local = await Events.GetAsync(item.UserId, eventId, ct);
        var mapping = await Mappings.GetByEventAsync(item.UserId, eventId, ct);
        var written = Mapping(item.UserId, eventId, "etag-pushed", mapping?.Version ?? 0);
        if (!await Mappings.UpsertAsync(written, mapping?.Version, ct)) throw new InvalidOperationException("lost the mapping");
        // Read-your-writes inside the item: the buffered row, version bumped as the store would.
        Assert.Equal(("etag-pushed", (mapping?.Version ?? 0) + 1), (await Mappings.GetByEventAsync(item.UserId, eventId, ct)) is { } m ? (m.GoogleEtag, m.Version) : default);
        if (during is not null) await during(item);
        await Audit.AppendAsync(AuditEntry.Of(item.UserId, AuditAction.SyncToGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = eventId, EventTitle = local!.Title,
        }, ct);
    };

    private CalendarSyncMapping Mapping(Guid userId, Guid eventId, string etag, long version) => new()
    {
        UserId = userId, FinancialEventId = eventId, GoogleCalendarId = "primary", GoogleEventId = "g" + eventId.ToString("N"),
        GoogleEtag = etag, ContentHash = "hash", SyncSource = SyncSource.Aegis, LastModifiedAt = Time.GetUtcNow(),
        LastSyncedAt = Time.GetUtcNow(), Version = version,
    };

    private async Task<IReadOnlyList<Guid>> AuditedEventsAsync(Guid userId) =>
        [.. (await Audit.QueryAsync(userId, new AuditQuery(), Ct)).Select(a => a.FinancialEventId!.Value).Order()];

    [Fact]
    public async Task A_batch_of_outbound_items_costs_one_load_and_one_commit_whatever_its_size()
    {
        var userId = await NewUserAsync();
        var events = new List<FinancialEvent>();
        for (var i = 0; i < 10; i++) events.Add(await InsertEventAsync(userId, $"bill {i}"));
        // Half are updates of an existing mapping, half first inserts: both multi-row statements run.
        foreach (var e in events.Take(5)) Assert.True(await Mappings.UpsertAsync(Mapping(userId, e.Id, "etag-old", 0), null, Ct));
        Handler.Behaviour = Pushes();

        var before = Db.Snapshot();
        Assert.Equal(10, await Processor.ProcessOnceAsync(Ct));
        var used = Db.Snapshot() - before;

        // Claim (ClaimStatements, 1 commit); load (1 command of 5 SELECTs: settings, events, mappings, dead letters, synced calendars; read
        // only, its own implicit transaction); commit (lease fence, mapping updates, mapping inserts, audit rows,
        // outcomes: 5 statements, 1 commit). Two connections: the claim's and the batch's.
        Assert.True(used is { Commits: 2, Autocommits: 1, Connections: 2 } && used.Statements == 10 + ClaimStatements && used.Commands == 6 + ClaimStatements,
            $"{used}:\n{string.Join("\n---\n", used.StatementTexts)}");
        Assert.All(await QueueOfAsync(userId), i => Assert.Equal(QueueStatus.Completed, i.Status));
        Assert.Equal(events.Select(e => e.Id).Order(), await AuditedEventsAsync(userId));
        foreach (var e in events)
        {
            var stored = await Mappings.GetByEventAsync(userId, e.Id, Ct);
            Assert.Equal(("etag-pushed", events.IndexOf(e) < 5 ? 2L : 1L), (stored!.GoogleEtag, stored.Version));
        }
    }

    [Fact]
    public async Task An_item_whose_lease_was_lost_mid_batch_is_not_acknowledged_and_none_of_its_writes_are_committed()
    {
        var userId = await NewUserAsync();
        var events = new[] { await InsertEventAsync(userId, "a"), await InsertEventAsync(userId, "b"), await InsertEventAsync(userId, "c") };
        var takenOver = Guid.NewGuid();
        // While b's handler runs, another worker takes b over (its lease expired and was claimed again).
        Handler.Behaviour = Pushes(during: item => item.FinancialEventId == events[1].Id
            ? ExecuteSqlAsync("UPDATE sync_queue SET lease_id = @lease WHERE id = @id", new { lease = DbId(takenOver), id = item.Id })
            : Task.CompletedTask);

        Assert.Equal(3, await Processor.ProcessOnceAsync(Ct));

        var queue = (await QueueOfAsync(userId)).ToDictionary(i => i.FinancialEventId!.Value);
        Assert.Equal(QueueStatus.Completed, queue[events[0].Id].Status);
        Assert.Equal(QueueStatus.Completed, queue[events[2].Id].Status);
        Assert.Equal((QueueStatus.Processing, takenOver), (queue[events[1].Id].Status, queue[events[1].Id].LeaseId!.Value));
        Assert.Equal(new[] { events[0].Id, events[2].Id }.Order(), await AuditedEventsAsync(userId));
        Assert.Null(await Mappings.GetByEventAsync(userId, events[1].Id, Ct));
        Assert.NotNull(await Mappings.GetByEventAsync(userId, events[2].Id, Ct));
    }

    [Fact]
    public async Task A_mapping_written_concurrently_during_the_batch_retries_only_that_item_and_keeps_the_other_writer_s_row()
    {
        var userId = await NewUserAsync();
        var events = new[] { await InsertEventAsync(userId, "a"), await InsertEventAsync(userId, "b") };
        foreach (var e in events) Assert.True(await Mappings.UpsertAsync(Mapping(userId, e.Id, "etag-old", 0), null, Ct));
        // While a's handler runs, another writer (outside the batch) updates a's mapping first.
        Handler.Behaviour = Pushes(during: async item =>
        {
            if (item.FinancialEventId != events[0].Id) return;
            using (ExecutionContext.SuppressFlow())
            {
                await Task.Run(() => Mappings.UpsertAsync(Mapping(userId, events[0].Id, "etag-other-writer", 1), 1, Ct));
            }
        });

        Assert.Equal(2, await Processor.ProcessOnceAsync(Ct));

        var queue = (await QueueOfAsync(userId)).ToDictionary(i => i.FinancialEventId!.Value);
        Assert.Equal((QueueStatus.Pending, 1), (queue[events[0].Id].Status, queue[events[0].Id].RetryCount));
        Assert.StartsWith("MappingConflictException", queue[events[0].Id].LastError);
        Assert.Equal(Time.GetUtcNow().AddSeconds(2.2), queue[events[0].Id].NextAttemptAt);
        Assert.Equal(QueueStatus.Completed, queue[events[1].Id].Status);
        Assert.Equal(("etag-other-writer", 2L), (await Mappings.GetByEventAsync(userId, events[0].Id, Ct)) is { } a ? (a.GoogleEtag, a.Version) : default);
        Assert.Equal(("etag-pushed", 2L), (await Mappings.GetByEventAsync(userId, events[1].Id, Ct)) is { } b ? (b.GoogleEtag, b.Version) : default);
        // a's audit row came after its lost mapping write, so it is not kept (the unbatched write would have thrown first).
        Assert.Equal([events[1].Id], await AuditedEventsAsync(userId));
    }

    [Fact]
    public async Task Items_of_one_batch_fail_retry_and_dead_letter_each_by_their_own_rules()
    {
        var userId = await NewUserAsync();
        var ok = await InsertEventAsync(userId, "ok");
        var transient = await InsertEventAsync(userId, "transient");
        var permanent = await InsertEventAsync(userId, "permanent");
        var push = Pushes();
        Handler.Behaviour = async (item, ct) =>
        {
            if (item.FinancialEventId == transient.Id) throw new GoogleUnavailableException();
            if (item.FinancialEventId == permanent.Id) throw new InvalidGrantException();
            await push(item, ct);
        };

        Assert.Equal(3, await Processor.ProcessOnceAsync(Ct));

        var queue = (await QueueOfAsync(userId)).ToDictionary(i => i.FinancialEventId!.Value);
        Assert.Equal(QueueStatus.Completed, queue[ok.Id].Status);
        Assert.Equal((QueueStatus.Pending, 1, Time.GetUtcNow().AddSeconds(2.2)),
            (queue[transient.Id].Status, queue[transient.Id].RetryCount, queue[transient.Id].NextAttemptAt));
        Assert.Equal((QueueStatus.Failed, 1), (queue[permanent.Id].Status, queue[permanent.Id].RetryCount));
        Assert.Equal([ok.Id], await AuditedEventsAsync(userId));
    }
}
