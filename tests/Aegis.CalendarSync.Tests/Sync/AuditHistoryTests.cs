using Aegis.CalendarSync.Application.Audit;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 11: the sync writes audit rows people can read later: the event's title as it was at the time, what
/// changed in the details (never in the error column), and the propagation time of every change carried across.
/// Against the emulator over HTTP, subclassed once per engine.</summary>
public abstract class AuditHistoryTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Rows_keep_the_title_of_their_time_say_what_changed_and_measure_propagation()
    {
        await using var h = await SyncHarness.StartAsync(database);
        await h.ConnectAsync(ConflictStrategy.LastWriteWins);
        var rent = await h.CreateEventAsync("Rent");
        await h.DrainQueueAsync();
        var googleId = GoogleEventId.FromFinancialEventId(rent.Id);

        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new { summary = "Flat rent" });
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();
        await h.EditLocallyAsync(rent.Id, e => e with { Title = "Housing" });
        await h.DrainQueueAsync();
        await h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", googleId);
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        var rows = (await h.Audit.QueryAsync(h.UserId, new AuditQuery(FinancialEventId: rent.Id, Limit: 100), Ct)).Reverse().ToList();
        var changes = rows.Where(r => r.Status == AuditOutcome.Success).ToList();
        Assert.Equal(
        [
            "Sent 'Rent' to Google",
            "Updated 'Rent' from Google (renamed to 'Flat rent')",
            "Sent 'Housing' to Google",
            "Removed 'Housing': deleted in Google",
        ], changes.Select(AuditSentence.Summarize));
        Assert.All(changes, r => Assert.True(r.PropagationMs is >= 0, $"{r.Action} has a propagation time"));
        Assert.All(rows, r => Assert.Null(r.ErrorMessage));

        var checks = await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.IncrementalSync), Ct);
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Matches(@"^\d+ changes?$", c.Details));
        Assert.All(checks, c => Assert.Null(c.ErrorMessage));
    }
}

public sealed class SqliteAuditHistoryTests(SqliteTestDatabase database) : AuditHistoryTests<SqliteTestDatabase>(database);

public sealed class PostgresAuditHistoryTests(PostgresTestDatabase database) : AuditHistoryTests<PostgresTestDatabase>(database);
