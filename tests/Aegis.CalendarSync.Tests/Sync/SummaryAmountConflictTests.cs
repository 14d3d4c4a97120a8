using System.Globalization;
using Aegis.CalendarSync.Application.Conflicts;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>A conflict whose Google side is an amount a person edited only in the summary (the private amount property
/// still holds the version last synced): whichever side is kept, by the user or by the strategy, both sides end with
/// that side's amount, Google's summary and stored amount agree, and no further conflict is raised. Subclassed once per
/// store engine; real HTTP to the emulator.</summary>
public abstract class SummaryAmountConflictTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const decimal Synced = 1250.50m;
    private const decimal WalletEdit = 1200m;
    private const decimal GoogleEdit = 1300m;
    private const string GoogleTitle = "Electricity";
    private const string WalletTitle = "Electricity (flat)";

    [Theory]
    [InlineData(ConflictResolution.KeepGoogle, true)]
    [InlineData(ConflictResolution.KeepGoogle, false)]
    [InlineData(ConflictResolution.KeepLocal, true)]
    [InlineData(ConflictResolution.KeepLocal, false)]
    public async Task A_kept_conflict_on_an_amount_edited_in_the_google_summary_settles_both_sides_on_the_kept_amount(
        ConflictResolution keep, bool inboundFirst)
    {
        var (title, kept) = keep == ConflictResolution.KeepGoogle ? (GoogleTitle, GoogleEdit) : (WalletTitle, WalletEdit);
        var bill = await ConflictOnSummaryAmountAsync(ConflictStrategy.Manual, inboundFirst);
        var open = Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        var before = await H.CountsAsync();

        await H.Sync.ResolveConflictAsync(H.UserId, open.Id, keep, Ct);
        // Google is read again before the queue runs (a webhook, a periodic or a full sync, "Sync now").
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.Sync.FullSyncAsync(H.UserId, Ct);
        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        await H.DrainQueueAsync();

        // One write to Google brings its summary and stored amount in line with the wallet.
        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(1, calls.GetValueOrDefault("events.update") + calls.GetValueOrDefault("events.patch"));
        await AssertSettledAsync(bill.Id, title, kept);
        var resolved = Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.ConflictResolved), Ct));
        Assert.Equal(keep == ConflictResolution.KeepGoogle ? "resolved_google" : "resolved_local", resolved.ErrorCode);
    }

    [Theory]
    [InlineData(ConflictStrategy.GoogleWins, true)]
    [InlineData(ConflictStrategy.GoogleWins, false)]
    [InlineData(ConflictStrategy.LocalWins, true)]
    [InlineData(ConflictStrategy.LocalWins, false)]
    public async Task The_strategy_settles_an_amount_edited_in_the_google_summary_on_the_winners_amount_on_both_sides(
        ConflictStrategy strategy, bool inboundFirst)
    {
        var bill = await ConflictOnSummaryAmountAsync(strategy, inboundFirst);
        var (title, amount) = strategy == ConflictStrategy.GoogleWins ? (GoogleTitle, GoogleEdit) : (WalletTitle, WalletEdit);
        await AssertSettledAsync(bill.Id, title, amount);
        Assert.Single(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
    }

    [Theory]
    [InlineData(ConflictStrategy.LastWriteWins)]
    [InlineData(ConflictStrategy.GoogleWins)]
    public async Task Google_is_read_at_the_amount_its_summary_shows_even_when_the_wallet_already_holds_it(ConflictStrategy strategy)
    {
        // The state a "Keep Google version" leaves before its write-back reaches Google: the wallet holds the amount
        // Google's summary shows, Google's stored amount is still the one last synced.
        await H.ConnectAsync(strategy);
        var bill = await H.CreateEventAsync(GoogleTitle, amount: Synced);
        await H.DrainQueueAsync();
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(bill.Id),
            new { summary = SummaryFormat.Format(GoogleTitle, EventType.Bill, GoogleEdit, "EUR") });
        await H.EditLocallyAsync(bill.Id, e => e with { Amount = GoogleEdit });
        var google = await H.GetRemoteAsync(bill.Id);
        var wallet = (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!;

        // Google's side of a comparison against that wallet shows the amount Google shows.
        var fields = new ConflictComparer(H.Services.GetRequiredService<FinancialEventMapper>(), H.Services.GetRequiredService<IOptions<SyncEngineOptions>>())
            .Compare(H.UserId, wallet, google, CultureInfo.InvariantCulture).Fields.ToDictionary(f => f.Field);
        Assert.False(fields[ConflictField.Amount].Differs, fields[ConflictField.Amount].Google);

        // Syncing before the wallet's push neither reverts the wallet nor keeps a conflict on an amount both show.
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        Assert.Equal(GoogleEdit, (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!.Amount);
        await H.DrainQueueAsync();
        await AssertSettledAsync(bill.Id, GoogleTitle, GoogleEdit);
    }

    /// <summary>A bill synced at <see cref="Synced"/>; the wallet changes its amount, a person changes only the amount
    /// written in Google's summary; the wallet's push then meets Google's edit.</summary>
    private async Task<FinancialEvent> ConflictOnSummaryAmountAsync(ConflictStrategy strategy, bool inboundFirst)
    {
        await H.ConnectAsync(strategy);
        var bill = await H.CreateEventAsync("Electricity", amount: Synced);
        await H.DrainQueueAsync();

        await H.EditLocallyAsync(bill.Id, e => e with { Title = WalletTitle, Amount = WalletEdit });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(bill.Id),
            new { summary = SummaryFormat.Format(GoogleTitle, EventType.Bill, GoogleEdit, "EUR") });
        if (inboundFirst)
        {
            await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        }

        await H.DrainQueueAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.DrainQueueAsync();
        return bill;
    }

    /// <summary>Both sides hold <paramref name="amount"/> (Google in its summary and its stored amount), no conflict is
    /// open, and further syncs (incremental and full) change nothing and raise none.</summary>
    private async Task AssertSettledAsync(Guid id, string title, decimal amount)
    {
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.DrainQueueAsync();
        await H.Sync.FullSyncAsync(H.UserId, Ct);
        await H.DrainQueueAsync();

        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        var local = (await H.Events.GetAsync(H.UserId, id, Ct))!;
        Assert.Equal((title, amount), (local.Title, local.Amount));
        var remote = await H.GetRemoteAsync(id);
        Assert.Equal(SummaryFormat.Format(title, EventType.Bill, amount, "EUR"), remote.Summary);
        Assert.Equal(amount, decimal.Parse(remote.GetPrivateProperty(AegisProperties.Amount)!, CultureInfo.InvariantCulture));

        var etag = remote.Etag;
        await H.Sync.FullSyncAsync(H.UserId, Ct);
        Assert.Equal(0, await H.DrainQueueAsync());
        Assert.Equal(etag, (await H.GetRemoteAsync(id)).Etag);
        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
    }
}

public sealed class SqliteSummaryAmountConflictTests(SqliteTestDatabase database) : SummaryAmountConflictTests<SqliteTestDatabase>(database);

public sealed class PostgresSummaryAmountConflictTests(PostgresTestDatabase database) : SummaryAmountConflictTests<PostgresTestDatabase>(database);
