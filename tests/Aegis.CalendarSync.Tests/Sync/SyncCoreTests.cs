using System.Diagnostics.Metrics;
using System.Text.Json;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Tests.Store;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The seams of the sync core end to end (engine + real database + emulator): the auditor's promise that
/// an audit write never fails the operation, the conflict causes as recorded, and manual resolution of a conflict
/// with a deletion made in Google. Subclassed once per store engine.</summary>
public abstract class SyncCoreTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{

    [Fact]
    public async Task An_audit_store_failure_does_not_fail_the_sync_and_is_counted()
    {
        await H.ConnectAsync();
        var meter = H.Services.GetRequiredService<SyncTelemetry>().Meter;
        var failures = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == SyncInstruments.AuditWriteFailures) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (failures) failures.Add(tags.ToArray().Single(t => t.Key == "action").Value as string);
        });
        listener.Start();

        await ExecuteSqlAsync("ALTER TABLE calendar_sync_audit RENAME TO calendar_sync_audit_offline");
        try
        {
            var created = await H.CreateEventAsync("Electricity");
            await H.DrainQueueAsync();

            Assert.Contains("Electricity", (await H.GetRemoteAsync(created.Id)).Summary);
            Assert.NotNull(await H.Mappings.GetByEventAsync(H.UserId, created.Id, Ct));
            Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct));
            Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
            lock (failures) Assert.Equal(["sync_to_google"], failures);
        }
        finally
        {
            await ExecuteSqlAsync("ALTER TABLE calendar_sync_audit_offline RENAME TO calendar_sync_audit");
        }
    }

    [Fact]
    public async Task Conflicts_are_audited_with_the_cause_that_detected_them()
    {
        await H.ConnectAsync(ConflictStrategy.LocalWins);
        var edited = await H.CreateEventAsync("Internet");
        var deleted = await H.CreateEventAsync("Insurance");
        await H.DrainQueueAsync();

        // Google changes both events before the wallet's edits are pushed: the pushes meet a 412 and a deletion.
        await H.EditLocallyAsync(edited.Id, e => e with { Title = "Internet (fibre)" });
        await H.EditLocallyAsync(deleted.Id, e => e with { Title = "Insurance (renewed)" });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(edited.Id), new { summary = "Google title" });
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(deleted.Id));
        await H.DrainQueueAsync();

        var causes = (await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct))
            .ToDictionary(a => a.FinancialEventId!.Value, a => DetectedBy(a.ConflictDetails!));
        Assert.Equal(new Dictionary<Guid, string> { [edited.Id] = "if_match_412", [deleted.Id] = "remote_deleted" }, causes);
        Assert.Contains("Internet (fibre)", (await H.GetRemoteAsync(edited.Id)).Summary);
        var revived = await H.GetRemoteAsync(deleted.Id);
        Assert.False(revived.IsCancelled);
        Assert.Contains("Insurance (renewed)", revived.Summary);
    }

    [Theory]
    [InlineData(ConflictResolution.KeepLocal)]
    [InlineData(ConflictResolution.KeepGoogle)]
    public async Task A_kept_conflict_with_a_google_deletion_is_resolved_as_the_user_chooses(ConflictResolution keep)
    {
        await H.ConnectAsync(ConflictStrategy.Manual);
        var created = await H.CreateEventAsync("Gym");
        await H.DrainQueueAsync();
        await H.EditLocallyAsync(created.Id, e => e with { Title = "Gym (annual)" });
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(created.Id));
        await H.DrainQueueAsync();

        var open = Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        Assert.Null((await H.Events.GetAsync(H.UserId, created.Id, Ct, includeDeleted: true))!.DeletedAt);

        await H.Sync.ResolveConflictAsync(H.UserId, open.Id, keep, Ct);
        await H.DrainQueueAsync();

        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        var local = (await H.Events.GetAsync(H.UserId, created.Id, Ct, includeDeleted: true))!;
        var remote = await H.GetRemoteAsync(created.Id);
        var resolved = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.ConflictResolved), Ct));
        if (keep == ConflictResolution.KeepLocal)
        {
            Assert.Null(local.DeletedAt);
            Assert.False(remote.IsCancelled);
            Assert.Contains("Gym (annual)", remote.Summary);
            Assert.Equal("resolved_local", resolved.ErrorCode);
        }
        else
        {
            Assert.NotNull(local.DeletedAt);
            Assert.True(remote.IsCancelled);
            Assert.Null(await H.Mappings.GetByEventAsync(H.UserId, created.Id, Ct));
            Assert.Equal("resolved_google", resolved.ErrorCode);
        }
    }

    private static string DetectedBy(string details)
    {
        using var json = JsonDocument.Parse(details);
        return json.RootElement.GetProperty("detectedBy").GetString()!;
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await H.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        await connection.ExecuteAsync(sql);
    }
}

public sealed class SqliteSyncCoreTests(SqliteTestDatabase database) : SyncCoreTests<SqliteTestDatabase>(database);

public sealed class PostgresSyncCoreTests(PostgresTestDatabase database) : SyncCoreTests<PostgresTestDatabase>(database);
