using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Application.Progress;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>What the application layer asks of the store beyond the sync core: the read models the hosts show
/// (notices, live progress) and restoring a soft-deleted event; subclassed once per engine.</summary>
public abstract class ApplicationStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private IDashboardReader Dashboard => Services.GetRequiredService<IDashboardReader>();
    private ISyncProgressReader Progress => Services.GetRequiredService<ISyncProgressReader>();

    [Fact]
    public async Task Notices_report_the_disabled_reason_open_conflicts_and_dead_letters_of_that_user_only()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        Assert.Equal(AttentionNotices.None, await Dashboard.ReadNoticesAsync(userId, Ct));

        await Settings.DisableAsync(userId, "Google access was revoked.", Ct);
        await AddConflictAsync(userId);
        var resolved = await AddConflictAsync(userId);
        await Conflicts.MarkResolvedAsync(userId, resolved, ConflictStatus.ResolvedLocal, Start, Ct);
        await AddConflictAsync(userId);
        await AddConflictAsync(other);
        await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        await Queue.EnqueueFromGoogleAsync(other, QueueAction.IncrementalSync, Ct);
        foreach (var item in await Queue.ClaimAsync(100, Lease, Ct))
        {
            if (item.UserId == userId) Assert.True(await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start, "boom", deadLetter: true, Ct));
            else Assert.True(await Queue.CompleteAsync(item.Id, item.LeaseId!.Value, Ct));
        }

        Assert.Equal(new AttentionNotices("Google access was revoked.", 2, 1), await Dashboard.ReadNoticesAsync(userId, Ct));
        Assert.Equal(new AttentionNotices(null, 1, 0), await Dashboard.ReadNoticesAsync(other, Ct));
        Assert.Equal(AttentionNotices.None, await Dashboard.ReadNoticesAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Progress_reports_queue_counts_connection_and_titled_activity_per_user()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var unknown = Guid.NewGuid();
        await Settings.UpsertAsync(new CalendarSyncSettings { UserId = userId, Enabled = true, EncryptedRefreshToken = "sealed" }, Ct);
        var rent = await InsertEventAsync(userId, "Rent");
        await Audit.AppendAsync(new AuditEntry
        {
            UserId = userId, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Success, FinancialEventId = rent.Id, CreatedAt = Start,
        }, Ct);
        await Audit.AppendAsync(new AuditEntry { UserId = other, Action = AuditAction.FullSync, Status = AuditOutcome.Success, CreatedAt = Start }, Ct);

        await AddConflictAsync(userId);
        var resolved = await AddConflictAsync(userId);
        await Conflicts.MarkResolvedAsync(userId, resolved, ConflictStatus.ResolvedMerged, Start, Ct);

        var progress = await Progress.ReadProgressAsync([userId, other, unknown], Ct);

        Assert.Equal(new UserProgress(new QueueCounts(1, 0, 0, 0), new ConnectionState(true, true, null), OpenConflicts: 1), progress[userId]);
        Assert.Equal(new UserProgress(QueueCounts.Empty, new ConnectionState(false, true, null)), progress[other]);
        Assert.Equal(UserProgress.Empty, progress[unknown]);
        var activity = Assert.Single(await Progress.ReadActivityAfterAsync([userId], 0, 10, Ct));
        Assert.Equal((userId, "Rent", "Sent 'Rent' to Google"), (activity.UserId, activity.Entry.EventTitle, activity.Entry.Summary));
        Assert.Equal(activity.Entry, Assert.Single(await Progress.ReadLatestActivityAsync(userId, 10, Ct)));
        Assert.Empty(await Progress.ReadActivityAfterAsync([userId], activity.Entry.Id, 10, Ct));
    }

    [Fact]
    public async Task Activity_and_audit_name_the_event_by_the_title_stored_in_the_row_and_hide_routine_rows_on_request()
    {
        var userId = await NewUserAsync();
        var rent = await InsertEventAsync(userId, "Rent");
        await Audit.AppendAsync(AuditEntry.Of(userId, AuditAction.SyncFromGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = rent.Id, EventTitle = "Rent", Details = "renamed to 'Flat rent'", CreatedAt = Start,
        }, Ct);
        await Audit.AppendAsync(AuditEntry.Of(userId, AuditAction.SyncFromGoogle, AuditOutcome.Skipped) with
        {
            FinancialEventId = rent.Id, EventTitle = "Flat rent", ErrorCode = "echo", CreatedAt = Start.AddSeconds(1),
        }, Ct);
        Assert.True(await Events.UpdateAsync(rent with { Title = "Housing" }, Ct));

        var latest = await Progress.ReadLatestActivityAsync(userId, 10, Ct);

        Assert.Equal(["Ignored our own echo of 'Flat rent'", "Updated 'Rent' from Google (renamed to 'Flat rent')"], latest.Select(a => a.Summary));
        Assert.Equal([true, false], latest.Select(a => a.Routine));
        var rows = await Audit.QueryAsync(userId, new AuditQuery(), Ct);
        Assert.Equal([("Flat rent", (string?)null), ("Rent", "renamed to 'Flat rent'")], rows.Select(r => (r.EventTitle, r.Details)));
    }

    [Fact]
    public async Task Sign_ins_and_other_account_actions_stay_in_the_audit_log_but_not_in_live_activity()
    {
        var userId = await NewUserAsync();
        var rent = await InsertEventAsync(userId, "Rent");
        await Audit.AppendAsync(AuditEntry.Of(userId, AuditAction.SyncToGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = rent.Id, EventTitle = "Rent", CreatedAt = Start,
        }, Ct);
        foreach (var (action, i) in AuditActionGroups.Account.Select((a, i) => (a, i)))
        {
            await Audit.AppendAsync(AuditEntry.Of(userId, action, AuditOutcome.Success) with { CreatedAt = Start.AddSeconds(i + 1) }, Ct);
        }

        var latest = await Progress.ReadLatestActivityAsync(userId, 3, Ct);
        var after = await Progress.ReadActivityAfterAsync([userId], 0, 10, Ct);

        Assert.Equal(["Sent 'Rent' to Google"], latest.Select(a => a.Summary));
        Assert.Equal(["Sent 'Rent' to Google"], after.Select(a => a.Entry.Summary));
        var logged = await Audit.QueryAsync(userId, new AuditQuery(), Ct);
        Assert.Equal(AuditActionGroups.Account.Count + 1, logged.Count);
        Assert.Contains(logged, r => r.Action == AuditAction.SignIn);
    }

    [Fact]
    public async Task A_row_written_without_a_title_shows_the_events_current_title_and_never_another_users()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var rent = await InsertEventAsync(userId, "Rent");
        await Audit.AppendAsync(AuditEntry.Of(userId, AuditAction.SyncToGoogle, AuditOutcome.Success) with { FinancialEventId = rent.Id }, Ct);
        await Audit.AppendAsync(AuditEntry.Of(other, AuditAction.SyncToGoogle, AuditOutcome.Success) with { FinancialEventId = rent.Id }, Ct);

        Assert.Equal("Rent", Assert.Single(await Audit.QueryAsync(userId, new AuditQuery(), Ct)).EventTitle);
        Assert.Null(Assert.Single(await Audit.QueryAsync(other, new AuditQuery(), Ct)).EventTitle);
        Assert.Equal("Sent an event to Google", Assert.Single(await Progress.ReadLatestActivityAsync(other, 10, Ct)).Summary);
    }

    [Fact]
    public async Task Restore_brings_a_soft_deleted_event_back_and_enqueues_its_push_for_its_owner_only()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var rent = await InsertEventAsync(userId, "Rent");
        Assert.True(await Events.SoftDeleteAsync(userId, rent.Id, SyncSource.Aegis, Start, Ct));
        Assert.False(await Events.RestoreAsync(other, rent.Id, Ct));
        Assert.Equal(QueueAction.Delete, Assert.Single(await QueueOfAsync(userId)).Action);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Events.RestoreAsync(userId, rent.Id, Ct));
        Assert.False(await Events.RestoreAsync(userId, rent.Id, Ct));

        var restored = (await Events.GetAsync(userId, rent.Id, Ct))!;
        Assert.Equal((null, SyncSource.Aegis, Time.GetUtcNow()), (restored.DeletedAt, restored.SyncSource, restored.UpdatedAt));
        Assert.Equal(rent.Title, restored.Title);
        Assert.Equal(QueueAction.Upsert, Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).Action);
        Assert.Empty(await QueueOfAsync(other));
    }

    private Task<long> AddConflictAsync(Guid userId) => Conflicts.AddAsync(new SyncConflict
    {
        UserId = userId, FinancialEventId = Guid.NewGuid(), GoogleEventId = $"g{Guid.NewGuid():N}",
        LocalVersion = """{"title":"Local"}""", GoogleVersion = """{"title":"Google"}""",
    }, Ct);
}

public sealed class SqliteApplicationStoreTests(SqliteTestDatabase database) : ApplicationStoreContractTests<SqliteTestDatabase>(database);

public sealed class PostgresApplicationStoreTests(PostgresTestDatabase database) : ApplicationStoreContractTests<PostgresTestDatabase>(database);
