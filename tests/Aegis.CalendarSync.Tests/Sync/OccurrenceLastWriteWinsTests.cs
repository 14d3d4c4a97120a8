using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Clock;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Last write wins by the recorded clocks for single occurrences of a series, as for whole events
/// (docs/architecture.md, "Conflicts"): when the wallet and Google both changed one month, the later write wins (or,
/// under the manual strategy, the conflict waits for the user), whatever the content of either write. Engine + real
/// database + emulator over HTTP, one clock for the wallet and Google moved by the test; subclassed once per engine.</summary>
public abstract class OccurrenceLastWriteWinsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);
    private readonly TestClock _clock = TestClock.SystemShiftedBy(TimeSpan.Zero);
    private SyncHarness _h = null!;

    private IOccurrenceStore Occurrences => _h.Services.GetRequiredService<IOccurrenceStore>();

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { SharedClock = _clock });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>The wallet changes July's amount to 990 while Google is not reached yet; later, in Google, a person
    /// changes July and then changes it back to what the wallet last pushed (950). Google's version is the later write:
    /// it wins, the wallet's July is 950 again, and the conflict is audited with both versions. The engine took Google's
    /// new etag for an echo of its own write because the content equalled the version last synced, and wrote the
    /// wallet's earlier 990 over the person's later correction.</summary>
    [Fact]
    public async Task A_google_correction_of_a_month_back_to_the_pushed_amount_later_than_a_wallet_edit_wins_and_is_no_echo()
    {
        var (rent, july) = await PushedRentWithPaidJulyAsync(ConflictStrategy.LastWriteWins);
        var pushed = await InstanceAsync(rent.Id, 7);

        _clock.Advance(Step);
        await EditJulyAsync(rent, july, o => o with { Amount = 990m });
        _clock.Advance(Step);
        await CorrectInGoogleAsync(rent.Id, pushed);

        var before = await _h.CountsAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        var walletJuly = (await WalletOccurrencesAsync(rent.Id))[6];
        Assert.Equal((950m, OccurrenceStatus.Paid), (walletJuly.Amount, walletJuly.Status));
        var googleJuly = await InstanceAsync(rent.Id, 7);
        Assert.Equal(("950", pushed.Summary), (googleJuly.GetPrivateProperty(AegisProperties.Amount), googleJuly.Summary));
        // Google already holds the winner: the inbound list is the only call, nothing is written back.
        Assert.DoesNotContain(SyncHarness.Delta(before, await _h.CountsAsync()).Keys, k => k is "events.patch" or "events.update" or "events.delete");
        var conflict = Assert.Single(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Limit: 200), Ct), a => a.Action == AuditAction.Conflict);
        Assert.Equal((rent.Id, MonthlyRent.InstanceId(googleJuly.RecurringEventId!, 7)), (conflict.FinancialEventId, conflict.GoogleEventId));
        Assert.Contains("\"winner\":\"Google\"", conflict.ConflictDetails);
    }

    /// <summary>The same edits, the wallet's the later one: the wallet's 990 wins and reaches Google in one call.</summary>
    [Fact]
    public async Task A_wallet_edit_of_a_month_later_than_a_google_change_and_its_undo_wins_and_reaches_google()
    {
        var (rent, july) = await PushedRentWithPaidJulyAsync(ConflictStrategy.LastWriteWins);
        var pushed = await InstanceAsync(rent.Id, 7);

        _clock.Advance(Step);
        await CorrectInGoogleAsync(rent.Id, pushed);
        _clock.Advance(Step);
        await EditJulyAsync(rent, july, o => o with { Amount = 990m });

        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        Assert.Equal(990m, (await WalletOccurrencesAsync(rent.Id))[6].Amount);
        Assert.Equal("990", (await InstanceAsync(rent.Id, 7)).GetPrivateProperty(AegisProperties.Amount));
    }

    /// <summary>Under the manual strategy the same race is kept for the user: the wallet keeps 990, Google keeps the
    /// person's 950, nothing is overwritten on either side until the user decides.</summary>
    [Fact]
    public async Task Under_manual_a_google_correction_of_a_month_while_the_wallet_changed_it_waits_for_the_user()
    {
        var (rent, july) = await PushedRentWithPaidJulyAsync(ConflictStrategy.Manual);
        var pushed = await InstanceAsync(rent.Id, 7);

        _clock.Advance(Step);
        await EditJulyAsync(rent, july, o => o with { Amount = 990m });
        _clock.Advance(Step);
        await CorrectInGoogleAsync(rent.Id, pushed);

        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        Assert.Equal(990m, (await WalletOccurrencesAsync(rent.Id))[6].Amount);
        Assert.Equal("950", (await InstanceAsync(rent.Id, 7)).GetPrivateProperty(AegisProperties.Amount));
        var open = Assert.Single(await _h.Services.GetRequiredService<IConflictStore>().ListOpenAsync(_h.UserId, Ct));
        Assert.Equal(rent.Id, open.FinancialEventId);
    }

    /// <summary>The wallet marks July unpaid and paid again (its net content is the version last pushed) after a person
    /// renamed July in Google: the wallet's writes are later, so its July wins and Google gets its title back, one call.
    /// The engine compared content only, saw no wallet change and kept the person's earlier rename.</summary>
    [Fact]
    public async Task Wallet_edits_of_a_month_later_than_a_google_rename_win_even_when_they_bring_it_back_to_the_pushed_version()
    {
        var (rent, july) = await PushedRentWithPaidJulyAsync(ConflictStrategy.LastWriteWins);
        var pushed = await InstanceAsync(rent.Id, 7);

        _clock.Advance(Step);
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", pushed.Id!, new { summary = "Rent (July, renamed)" });
        _clock.Advance(Step);
        await EditJulyAsync(rent, july, o => o with { Status = OccurrenceStatus.Pending });
        _clock.Advance(Step);
        await EditJulyAsync(rent, july, o => o with { Status = OccurrenceStatus.Paid });

        var before = await _h.CountsAsync();
        await _h.DrainQueueAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        var walletJuly = (await WalletOccurrencesAsync(rent.Id))[6];
        Assert.Equal(("Rent", OccurrenceStatus.Paid), (walletJuly.Title, walletJuly.Status));
        Assert.Equal(pushed.Summary, (await InstanceAsync(rent.Id, 7)).Summary);
        Assert.Equal(1, SyncHarness.Delta(before, await _h.CountsAsync()).GetValueOrDefault("events.patch"));

        // Converged: one more sync costs one list and changes nothing.
        before = await _h.CountsAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
    }

    /// <summary>A save of a month that changes nothing is no write: it keeps the month's clock and source, queues
    /// nothing, and so never outranks an earlier Google edit.</summary>
    [Fact]
    public async Task Saving_a_month_unchanged_is_no_write_and_never_outranks_a_google_edit()
    {
        var (rent, july) = await PushedRentWithPaidJulyAsync(ConflictStrategy.LastWriteWins);
        var pushed = await InstanceAsync(rent.Id, 7);

        _clock.Advance(Step);
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", pushed.Id!, new { summary = "Rent (July, renamed)" });
        _clock.Advance(Step);
        var stored = (await Occurrences.GetAsync(_h.UserId, rent.Id, july.OriginalStart, Ct))!;
        Assert.True(await Occurrences.UpsertAsync(stored, Ct));
        Assert.Equal(stored.UpdatedAt, (await Occurrences.GetAsync(_h.UserId, rent.Id, july.OriginalStart, Ct))!.UpdatedAt);

        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        Assert.Equal("Rent (July, renamed)", (await WalletOccurrencesAsync(rent.Id))[6].Title);
        Assert.DoesNotContain(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Limit: 200), Ct), a => a.Action == AuditAction.Conflict);
    }

    /// <summary>A person in Google changes July's amount, then changes it back to the version last pushed.</summary>
    private async Task CorrectInGoogleAsync(Guid rentId, GoogleEvent pushed)
    {
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", pushed.Id!, new { summary = "✓ Rent — 1,000.00 EUR" });
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", pushed.Id!, new { summary = pushed.Summary });
        var now = await InstanceAsync(rentId, 7);
        Assert.NotEqual(pushed.Etag, now.Etag);
    }

    private async Task<(FinancialEvent Rent, Occurrence July)> PushedRentWithPaidJulyAsync(ConflictStrategy strategy)
    {
        await _h.ConnectAsync(strategy);
        var rent = await MonthlyRent.CreateAsync(_h);
        await _h.DrainQueueAsync();
        var july = (await MonthlyRent.OccurrencesAsync(_h, rent.Id))[6];
        await EditJulyAsync(rent, july, o => o with { Status = OccurrenceStatus.Paid });
        await _h.DrainQueueAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        return (rent, july);
    }

    private Task EditJulyAsync(FinancialEvent rent, Occurrence july, Func<OccurrenceOverride, OccurrenceOverride> edit)
    {
        Assert.Equal(MonthlyRent.Month(7), july.OriginalStart);
        return MonthlyRent.EditAsync(_h, rent.Id, 7, edit);
    }

    private async Task<GoogleEvent> InstanceAsync(Guid rentId, int month)
    {
        var master = await _h.GetRemoteAsync(rentId);
        return await _h.Google.GetEventAsync(_h.Account, "primary", MonthlyRent.InstanceId(master.Id!, month), Ct);
    }

    private Task<IReadOnlyList<Occurrence>> WalletOccurrencesAsync(Guid seriesId) => MonthlyRent.OccurrencesAsync(_h, seriesId);
}

public sealed class SqliteOccurrenceLastWriteWinsTests(SqliteTestDatabase database) : OccurrenceLastWriteWinsTests<SqliteTestDatabase>(database);

public sealed class PostgresOccurrenceLastWriteWinsTests(PostgresTestDatabase database) : OccurrenceLastWriteWinsTests<PostgresTestDatabase>(database);
