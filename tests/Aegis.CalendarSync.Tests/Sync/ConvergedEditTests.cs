using System.Globalization;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The wallet and a person in Google change one synced event to the same version: there is nothing to choose
/// between, so no strategy opens or records a conflict; the event is settled (the mapping takes Google's etag and
/// rendering, the change is audited as converged) without writing the wallet, and without writing Google unless
/// Google's stored copy lags what it shows. An agreement on some fields only is still a conflict. Subclassed once per
/// store engine; real HTTP to the emulator.</summary>
public abstract class ConvergedEditTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const decimal Synced = 100m;
    private const decimal Both = 120m;
    private const string Title = "Gym";

    [Theory]
    [MemberData(nameof(StrategyCases.EachWithAFlag), MemberType = typeof(StrategyCases))]
    public async Task The_same_amount_set_on_both_sides_is_settled_without_a_conflict_or_a_write(ConflictStrategy strategy, bool inboundFirst)
    {
        var (bill, etag) = await BothChangedAsync(strategy, Title, Both, storedInGoogle: true);
        var wallet = (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!;
        var before = await H.CountsAsync();

        await SyncBothWaysAsync(inboundFirst);

        await AssertNoConflictAsync(bill.Id);
        var remote = await H.GetRemoteAsync(bill.Id);
        Assert.Equal(etag, remote.Etag);
        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(0, calls.GetValueOrDefault("events.patch") + calls.GetValueOrDefault("events.insert"));
        var local = (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!;
        Assert.Equal((wallet.UpdatedAt, wallet.Amount, wallet.Title), (local.UpdatedAt, local.Amount, local.Title));
        var mapping = (await H.Mappings.GetByEventAsync(H.UserId, bill.Id, Ct))!;
        Assert.Equal(remote.Etag, mapping.GoogleEtag);
        Assert.Equal(H.Services.GetRequiredService<FinancialEventMapper>().ContentHash(local), mapping.ContentHash);
        if (inboundFirst)
        {
            Assert.Single(await ConvergedAuditAsync());
        }

        await AssertSettledAsync(bill.Id, Title, Both, etag);
    }

    [Theory]
    [MemberData(nameof(StrategyCases.EachWithAFlag), MemberType = typeof(StrategyCases))]
    public async Task The_same_amount_set_in_the_google_summary_only_opens_no_conflict_and_brings_googles_stored_amount_in_line(
        ConflictStrategy strategy, bool inboundFirst)
    {
        var (bill, _) = await BothChangedAsync(strategy, Title, Both, storedInGoogle: false);
        var wallet = (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!;

        await SyncBothWaysAsync(inboundFirst);

        await AssertNoConflictAsync(bill.Id);
        Assert.Single(await ConvergedAuditAsync());
        var local = (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!;
        Assert.Equal((wallet.UpdatedAt, wallet.Amount), (local.UpdatedAt, local.Amount));
        await AssertSettledAsync(bill.Id, Title, Both, etag: null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_same_amount_with_different_titles_is_still_a_conflict_for_the_user(bool inboundFirst)
    {
        var (bill, _) = await BothChangedAsync(ConflictStrategy.Manual, "Gym (Google)", Both, storedInGoogle: true, walletTitle: "Gym (wallet)");

        await SyncBothWaysAsync(inboundFirst);

        var open = Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        Assert.Equal(bill.Id, open.FinancialEventId);
        Assert.Empty(await ConvergedAuditAsync());
        Assert.Equal("Gym (wallet)", (await H.Events.GetAsync(H.UserId, bill.Id, Ct))!.Title);
    }

    /// <summary>A bill synced at <see cref="Synced"/>; the wallet sets it to <paramref name="amount"/> (and
    /// <paramref name="walletTitle"/>, default <paramref name="title"/>), a person in Google sets its summary to
    /// <paramref name="title"/> and <paramref name="amount"/>, and also its stored amount when
    /// <paramref name="storedInGoogle"/> (as another Aegis client writes it). Returns the bill and Google's etag after
    /// the person's edit.</summary>
    private async Task<(FinancialEvent Bill, string? Etag)> BothChangedAsync(ConflictStrategy strategy, string title, decimal amount,
        bool storedInGoogle, string? walletTitle = null)
    {
        await H.ConnectAsync(strategy);
        var bill = await H.CreateEventAsync(Title, amount: Synced);
        await H.DrainQueueAsync();

        await H.EditLocallyAsync(bill.Id, e => e with { Title = walletTitle ?? title, Amount = amount });
        var summary = SummaryFormat.Format(title, EventType.Bill, amount, "EUR");
        var googleId = GoogleEventId.FromFinancialEventId(bill.Id);
        if (storedInGoogle)
        {
            var stored = (await H.GetRemoteAsync(bill.Id)).ExtendedProperties!.Private!
                .ToDictionary(p => p.Key, p => p.Value);
            stored[AegisProperties.Amount] = amount.ToString("0.############################", CultureInfo.InvariantCulture);
            await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId,
                new { summary, extendedProperties = new { @private = stored } });
        }
        else
        {
            await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new { summary });
        }

        return (bill, (await H.GetRemoteAsync(bill.Id)).Etag);
    }

    /// <summary>Google read before the wallet's push (<paramref name="inboundFirst"/>) or the push first (it meets
    /// Google's edit), then the other way.</summary>
    private async Task SyncBothWaysAsync(bool inboundFirst)
    {
        if (inboundFirst)
        {
            await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        }

        await H.DrainQueueAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.DrainQueueAsync();
    }

    private async Task AssertNoConflictAsync(Guid id)
    {
        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.ConflictResolved), Ct));
        Assert.NotNull(await H.Events.GetAsync(H.UserId, id, Ct));
    }

    private async Task<IReadOnlyList<AuditEntry>> ConvergedAuditAsync() =>
        (await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.SyncFromGoogle), Ct))
        .Where(a => a.ErrorCode == ConflictResolver.ConvergedCode).ToList();

    /// <summary>Both sides hold <paramref name="title"/> and <paramref name="amount"/> (Google in its summary and its stored
    /// amount; Google's copy at <paramref name="etag"/> when given), and further syncs (incremental and full) write
    /// nothing anywhere and raise no conflict.</summary>
    private async Task AssertSettledAsync(Guid id, string title, decimal amount, string? etag)
    {
        var remote = await H.GetRemoteAsync(id);
        Assert.Equal(SummaryFormat.Format(title, EventType.Bill, amount, "EUR"), remote.Summary);
        Assert.Equal(amount, decimal.Parse(remote.GetPrivateProperty(AegisProperties.Amount)!, CultureInfo.InvariantCulture));
        if (etag is not null)
        {
            Assert.Equal(etag, remote.Etag);
        }

        var wallet = (await H.Events.GetAsync(H.UserId, id, Ct))!;
        Assert.Equal((title, amount), (wallet.Title, wallet.Amount));
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.Sync.FullSyncAsync(H.UserId, Ct);
        Assert.Equal(0, await H.DrainQueueAsync());
        Assert.Equal(remote.Etag, (await H.GetRemoteAsync(id)).Etag);
        Assert.Equal(wallet.UpdatedAt, (await H.Events.GetAsync(H.UserId, id, Ct))!.UpdatedAt);
        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
    }
}

public sealed class SqliteConvergedEditTests(SqliteTestDatabase database) : ConvergedEditTests<SqliteTestDatabase>(database);

public sealed class PostgresConvergedEditTests(PostgresTestDatabase database) : ConvergedEditTests<PostgresTestDatabase>(database);
