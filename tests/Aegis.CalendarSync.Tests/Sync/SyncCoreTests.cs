using System.Diagnostics.Metrics;
using System.Globalization;
using Aegis.CalendarSync.Application.Conflicts;
using System.Text.Json;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Tests.Store;
using Dapper;
using GoogleCalendarEmulator.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        var (created, open) = await KeepConflictWithGoogleDeletionAsync();
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

    [Fact]
    public async Task A_kept_conflict_resolved_field_by_field_writes_the_merged_version_to_both_sides()
    {
        await H.ConnectAsync(ConflictStrategy.Manual);
        var created = await H.CreateEventAsync("Gym", amount: 25m);
        await H.DrainQueueAsync();
        var googleId = GoogleEventId.FromFinancialEventId(created.Id);
        var movedTo = DateOnly.FromDateTime(created.StartAt.UtcDateTime).AddDays(3);
        await H.EditLocallyAsync(created.Id, e => e with { Title = "Gym (wallet)", Amount = 30m });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new
        {
            summary = SummaryFormat.Format("Gym (Google)", EventType.Bill, 25m, "EUR"),
            start = new { date = movedTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            end = new { date = movedTo.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        });
        await H.DrainQueueAsync();
        var open = Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct));

        // The comparison in plain words: what differs, on which side.
        var fields = Comparer.Compare(H.UserId, open.LocalVersion, open.GoogleVersion, CultureInfo.InvariantCulture).Fields.ToDictionary(f => f.Field);
        Assert.Equal(("Gym (wallet)", "Gym (Google)"), (fields[ConflictField.Title].Wallet, fields[ConflictField.Title].Google));
        Assert.Equal(("EUR 30.00", "EUR 25.00"), (fields[ConflictField.Amount].Wallet, fields[ConflictField.Amount].Google));
        Assert.True(fields[ConflictField.When].Differs);
        Assert.EndsWith("(all day)", fields[ConflictField.When].Google);
        Assert.False(fields[ConflictField.Status].Differs);
        Assert.Equal("Does not repeat", fields[ConflictField.Recurrence].Wallet);

        // Google's title and date, the wallet's amount.
        await H.Sync.MergeConflictAsync(H.UserId, open.Id, new ConflictMerge(ConflictSide.Google, ConflictSide.Wallet, ConflictSide.Google), Ct);
        await H.DrainQueueAsync();

        var local = (await H.Events.GetAsync(H.UserId, created.Id, Ct))!;
        Assert.Equal(("Gym (Google)", 30m, movedTo), (local.Title, local.Amount, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(local.StartAt,
            ZonedDates.Find(local.TimeZone)!).DateTime)));
        var remote = await H.GetRemoteAsync(created.Id);
        Assert.Equal(SummaryFormat.Format("Gym (Google)", EventType.Bill, 30m, "EUR"), remote.Summary);
        Assert.Equal("30", remote.GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal(movedTo, remote.Start!.Date);
        Assert.Equal(ConflictStatus.ResolvedMerged, (await H.Conflicts.GetAsync(H.UserId, open.Id, Ct))!.Status);
        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        var resolved = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.ConflictResolved), Ct));
        Assert.Equal("resolved_merged", resolved.ErrorCode);
        Assert.Contains("\"amount\":\"wallet\"", resolved.ConflictDetails);
        // Converged: the mapping holds what both sides hold, so a full sync changes nothing and finds no conflict.
        var before = (await H.Events.GetAsync(H.UserId, created.Id, Ct))!;
        await H.Sync.FullSyncAsync(H.UserId, Ct);
        await H.DrainQueueAsync();
        Assert.Equal(before, (await H.Events.GetAsync(H.UserId, created.Id, Ct))!);
        Assert.Equal(remote.Etag, (await H.GetRemoteAsync(created.Id)).Etag);
        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
    }

    [Fact]
    public async Task A_dead_letter_is_closed_once_a_full_sync_pushes_the_event()
    {
        await H.ConnectAsync();
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 400, Reason: "badRequest", Method: "POST", PathContains: "/events"));
        var created = await H.CreateEventAsync("Water");
        await H.DrainQueueAsync();
        Assert.Equal(created.Id, Assert.Single(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct)).FinancialEventId);

        await H.Sync.FullSyncAsync(H.UserId, Ct);

        Assert.Contains("Water", (await H.GetRemoteAsync(created.Id)).Summary);
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
    }

    [Fact]
    public async Task A_merge_of_a_conflict_with_a_google_deletion_is_refused_and_changes_nothing()
    {
        var (created, open) = await KeepConflictWithGoogleDeletionAsync();
        var before = (await H.Events.GetAsync(H.UserId, created.Id, Ct))!;

        await Assert.ThrowsAsync<ConflictMergeException>(() =>
            H.Sync.MergeConflictAsync(H.UserId, open.Id, new ConflictMerge(ConflictSide.Google, ConflictSide.Wallet, ConflictSide.Wallet), Ct));

        Assert.Equal(before, await H.Events.GetAsync(H.UserId, created.Id, Ct));
        Assert.True((await H.GetRemoteAsync(created.Id)).IsCancelled);
        Assert.Equal(open, Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct)));
    }

    [Fact]
    public async Task A_conflict_the_strategy_settled_is_listed_with_what_was_overwritten()
    {
        await H.ConnectAsync(ConflictStrategy.LocalWins);
        var created = await H.CreateEventAsync("Internet");
        await H.DrainQueueAsync();
        await H.EditLocallyAsync(created.Id, e => e with { Title = "Internet (fibre)" });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(created.Id),
            new { summary = SummaryFormat.Format("Internet (renamed in Google)", EventType.Bill, 950m, "EUR") });
        await H.DrainQueueAsync();
        var commands = new ConflictCommands(H.Conflicts, H.Audit, H.Sync, Comparer);

        var since = H.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-1);
        var settled = Assert.Single(await commands.ListAutoResolvedAsync(H.UserId, since, CultureInfo.InvariantCulture, Ct));

        Assert.Equal((ConflictStrategy.LocalWins, ConflictSide.Wallet, ConflictSide.Google, created.Id),
            (settled.Strategy, settled.Kept, settled.Overwritten, settled.FinancialEventId));
        var title = Assert.Single(settled.Comparison.Differing);
        Assert.Equal((ConflictField.Title, "Internet (fibre)", "Internet (renamed in Google)"), (title.Field, title.Wallet, title.Google));
        Assert.Empty(await commands.ListOpenComparedAsync(H.UserId, CultureInfo.InvariantCulture, Ct));
        Assert.Empty(await commands.ListAutoResolvedAsync(H.UserId, H.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(1), CultureInfo.InvariantCulture, Ct));
    }

    private ConflictComparer Comparer => new(H.Services.GetRequiredService<FinancialEventMapper>(),
        H.Services.GetRequiredService<IOptions<SyncEngineOptions>>());

    /// <summary>Manual strategy; the wallet renames "Gym" while a person deletes it in Google: one kept conflict.</summary>
    private async Task<(FinancialEvent Created, SyncConflict Open)> KeepConflictWithGoogleDeletionAsync()
    {
        await H.ConnectAsync(ConflictStrategy.Manual);
        var created = await H.CreateEventAsync("Gym");
        await H.DrainQueueAsync();
        await H.EditLocallyAsync(created.Id, e => e with { Title = "Gym (annual)" });
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(created.Id));
        await H.DrainQueueAsync();
        return (created, Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct)));
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
