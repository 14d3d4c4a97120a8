using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Faults;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, automatic recovery: a successful full sync or a reconnect clears the dead letters it made
/// obsolete. Resolved items are marked completed (their last_error kept) and audited, never deleted; dead letters
/// that still matter stay. Engine + real database + emulator over HTTP; subclassed once per engine.</summary>
public abstract class DeadLetterRecoveryTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static FaultRule RejectNextUpdate => new(Count: 1, Status: 400, Reason: "invalid", Method: "PUT", PathContains: "/events/");

    [Fact]
    public async Task Full_sync_resolves_a_dead_lettered_push_whose_event_google_now_holds_and_audits_it()
    {
        await H.ConnectAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        await H.Admin.InjectFaultAsync(RejectNextUpdate);
        await H.EditLocallyAsync(rent.Id, e => e with { Amount = 990m });
        await H.DrainQueueAsync();
        var dead = Assert.Single(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        // The user corrects the bill; this push succeeds, so Google now holds the wallet's current version.
        await H.EditLocallyAsync(rent.Id, e => e with { Amount = 995m });
        await H.DrainQueueAsync();
        Assert.Equal("995", (await H.GetRemoteAsync(rent.Id)).GetPrivateProperty(AegisProperties.Amount));

        await H.Sync.FullSyncAsync(H.UserId, Ct);

        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        var resolved = Assert.Single(await H.Queue.ListAsync(H.UserId, null, 50, Ct), i => i.Id == dead.Id);
        Assert.Equal(QueueStatus.Completed, resolved.Status);
        Assert.Equal(dead.LastError, resolved.LastError);
        var audit = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.DeadLetterResolved), Ct));
        // Closed by the corrected push itself (it brought Google the current version), or at the latest by the full sync.
        Assert.Equal((rent.Id, "already_in_google"), (audit.FinancialEventId, audit.ErrorCode));
        Assert.Contains("Google rejected this event as invalid", audit.ErrorMessage);
    }

    [Fact]
    public async Task Full_sync_keeps_a_dead_lettered_push_google_does_not_hold()
    {
        await H.ConnectAsync();
        var phone = await H.CreateEventAsync("Phone");
        await H.DrainQueueAsync();
        await H.Admin.InjectFaultAsync(RejectNextUpdate);
        await H.EditLocallyAsync(phone.Id, e => e with { Amount = 42m });
        await H.DrainQueueAsync();

        await H.Sync.FullSyncAsync(H.UserId, Ct);

        Assert.Equal(phone.Id, Assert.Single(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct)).FinancialEventId);
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.DeadLetterResolved), Ct));
    }

    [Fact]
    public async Task Full_sync_supersedes_a_dead_lettered_inbound_sync()
    {
        await H.ConnectAsync();
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 400, Reason: "invalid", Method: "GET", PathContains: "/events"));
        await H.Queue.EnqueueFromGoogleAsync(H.UserId, QueueAction.IncrementalSync, Ct);
        await H.DrainQueueAsync();
        var dead = Assert.Single(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        Assert.Equal(SyncDirection.FromGoogle, dead.Direction);

        await H.Sync.FullSyncAsync(H.UserId, Ct);

        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        var audit = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.DeadLetterResolved), Ct));
        Assert.Equal("superseded_by_full_sync", audit.ErrorCode);
    }

    [Fact]
    public async Task Reconnect_requeues_the_changes_that_failed_for_revoked_access_and_they_reach_google()
    {
        await H.ConnectAsync();
        await H.Admin.RevokeGrantsAsync(SyncHarness.Email);
        await H.Admin.ExpireAccessTokensAsync(SyncHarness.Email);
        var netflix = await H.CreateEventAsync("Netflix", amount: 13.99m);
        await H.DrainQueueAsync();
        var dead = Assert.Single(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        Assert.StartsWith("InvalidGrantException", dead.LastError);

        var authorize = await Connection.StartAuthorizationAsync(H.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await H.AuthorizeAsync(authorize, Ct);
        await Connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);
        await H.StartFirstSyncAsync(Ct);
        await H.DrainQueueAsync();

        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        Assert.Contains("Netflix", (await H.GetRemoteAsync(netflix.Id)).Summary);
        var audit = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.DeadLetterRequeued), Ct));
        Assert.Equal((netflix.Id, "access_revoked"), (audit.FinancialEventId, audit.ErrorCode));
    }
}

public sealed class SqliteDeadLetterRecoveryTests(SqliteTestDatabase database) : DeadLetterRecoveryTests<SqliteTestDatabase>(database);

public sealed class PostgresDeadLetterRecoveryTests(PostgresTestDatabase database) : DeadLetterRecoveryTests<PostgresTestDatabase>(database);
