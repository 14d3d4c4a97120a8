using System.Collections.Concurrent;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The behaviour every store engine must have; subclassed once per engine.</summary>
public abstract class StoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    // ---- migrations ----

    [Fact]
    public async Task Migrations_are_idempotent_when_run_again()
    {
        var migrator = Services.GetRequiredService<IStoreMigrator>();
        await migrator.MigrateAsync(Ct);
        await migrator.MigrateAsync(Ct);

        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(versions.Distinct(), versions);
        Assert.Contains(1L, versions);
    }

    [Fact]
    public async Task Migrations_apply_once_when_two_migrators_start_together_on_an_empty_database()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var first = Database.BuildServices(Time, connectionString);
        await using var second = Database.BuildServices(Time, connectionString);

        await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<IStoreMigrator>().MigrateAsync(Ct)),
            Task.Run(() => second.GetRequiredService<IStoreMigrator>().MigrateAsync(Ct)));

        await using var connection = await first.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 1"));
        var user = await first.GetRequiredService<IUserStore>().CreateAsync("fresh@example.com", "Fresh", Ct);
        Assert.NotNull(await first.GetRequiredService<IUserStore>().GetAsync(user.Id, Ct));
    }

    [Fact]
    public async Task A_missing_earlier_migration_is_applied_after_later_ones_already_were()
    {
        // A database migrated by main before 0006 (deletion safety) existed there already has 0007; 0006 must still apply.
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var services = Database.BuildServices(Time, connectionString);
        var migrator = services.GetRequiredService<IStoreMigrator>();
        await migrator.MigrateAsync(Ct);
        await using (var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct))
        {
            foreach (var undo in new[]
                     {
                         "DROP INDEX ix_financial_events_deleted", "DROP TABLE held_deletions",
                         "ALTER TABLE calendar_sync_mapping DROP COLUMN connection_id",
                         "ALTER TABLE calendar_sync_settings DROP COLUMN connection_id",
                         "DELETE FROM schema_migrations WHERE version = 6",
                     })
            {
                await connection.ExecuteAsync(undo);
            }
        }

        Assert.Equal([6], await migrator.ListPendingAsync(Ct));
        await migrator.MigrateAsync(Ct);

        Assert.Empty(await migrator.ListPendingAsync(Ct));
        await using var after = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        var versions = (await after.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Contains(6L, versions);
        Assert.Contains(7L, versions);
        Assert.Equal(0L, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM calendar_sync_mapping WHERE connection_id IS NOT NULL"));
        Assert.Equal(0L, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM held_deletions"));
    }

    // ---- users and events ----

    [Fact]
    public async Task Try_create_refuses_an_email_already_taken_in_any_case_and_changes_nothing()
    {
        var created = await Users.TryCreateAsync("Rui.Costa@Example.com", "Rui", Ct);
        Assert.NotNull(created);

        Assert.Null(await Users.TryCreateAsync("  rui.costa@EXAMPLE.com ", "Impostor", Ct));

        Assert.Equal(created, await Users.FindByEmailAsync("rui.costa@example.com", Ct));
        Assert.Single(await Users.ListAsync(Ct), u => u.Email == "rui.costa@example.com");
    }

    [Fact]
    public async Task User_is_found_by_email_case_insensitively()
    {
        var created = await Users.CreateAsync("Ana.Silva@Example.com", "Ana", Ct);

        var found = await Users.FindByEmailAsync("  ana.silva@EXAMPLE.com", Ct);

        Assert.Equal(created, found);
        Assert.Equal(created, await Users.GetAsync(created.Id, Ct));
        Assert.Null(await Users.FindByEmailAsync("nobody@example.com", Ct));
    }

    [Fact]
    public async Task Event_round_trips_every_field_and_is_stamped_by_the_clock()
    {
        var userId = await NewUserAsync();
        var e = NewEvent(userId) with
        {
            AllDay = true, Recurrence = "RRULE:FREQ=MONTHLY;BYMONTHDAY=1", Category = "housing", Location = "Lisbon",
            Status = EventStatus.Paid, EventType = EventType.Transfer, SyncSource = SyncSource.Manual,
        };
        await Events.InsertAsync(e, Ct);

        var stored = await Events.GetAsync(userId, e.Id, Ct);

        Assert.Equal(e with { CreatedAt = Start, UpdatedAt = Start }, stored);
    }

    [Fact]
    public async Task Events_of_one_user_are_invisible_and_immutable_to_another()
    {
        var owner = await NewUserAsync();
        var intruder = await NewUserAsync();
        var e = await InsertEventAsync(owner);

        Assert.Null(await Events.GetAsync(intruder, e.Id, Ct));
        Assert.Empty(await Events.ListAsync(intruder, new EventQuery(), Ct));
        Assert.False(await Events.UpdateAsync(e with { UserId = intruder, Title = "Hacked" }, Ct));
        Assert.False(await Events.SoftDeleteAsync(intruder, e.Id, SyncSource.Aegis, Start, Ct));
        Assert.Equal("Rent", (await Events.GetAsync(owner, e.Id, Ct))!.Title);
    }

    [Fact]
    public async Task List_returns_events_overlapping_the_window_and_hides_soft_deleted_ones()
    {
        var userId = await NewUserAsync();
        var inside = await InsertEventAsync(userId, "inside");
        var later = NewEvent(userId, "later") with { StartAt = Start.AddDays(30), EndAt = Start.AddDays(30).AddHours(1) };
        await Events.InsertAsync(later, Ct);
        var deleted = await InsertEventAsync(userId, "deleted");
        await Events.SoftDeleteAsync(userId, deleted.Id, SyncSource.Aegis, Start, Ct);

        var window = await Events.ListAsync(userId, new EventQuery(Start, Start.AddDays(10)), Ct);
        var withDeleted = await Events.ListAsync(userId, new EventQuery(Start, Start.AddDays(10), IncludeDeleted: true), Ct);

        Assert.Equal(["inside"], window.Select(x => x.Title));
        Assert.Equal(["deleted", "inside"], withDeleted.Select(x => x.Title).Order());
        Assert.Null(await Events.GetAsync(userId, deleted.Id, Ct));
        Assert.Equal(Start, (await Events.GetAsync(userId, deleted.Id, Ct, includeDeleted: true))!.DeletedAt);
        Assert.Equal(inside.Id, window[0].Id);
    }

    // ---- trigger ----

    [Fact]
    public async Task Trigger_enqueues_upsert_when_event_is_inserted()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);

        var item = Assert.Single(await QueueOfAsync(userId));
        Assert.Equal((e.Id, SyncDirection.ToGoogle, QueueAction.Upsert, QueueStatus.Pending, 0),
            (item.FinancialEventId!.Value, item.Direction, item.Action, item.Status, item.RetryCount));
        Assert.Equal(Start, item.NextAttemptAt);
    }

    [Fact]
    public async Task Trigger_enqueues_upsert_when_event_is_updated()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        await CompleteAllAsync();

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await Events.UpdateAsync(e with { Title = "Rent (March)" }, Ct));

        var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal((QueueAction.Upsert, Start.AddMinutes(5)), (pending.Action, pending.NextAttemptAt));
    }

    /// <summary>Issue 9: last-write-wins compares the wallet's updated_at, so a save that changes nothing must not move
    /// it (nor take the row over from the sync: its sync_source stays); it still enqueues the push the content hash
    /// skips. A save that changes one field is a write at the clock's time.</summary>
    [Fact]
    public async Task A_save_that_changes_nothing_keeps_updated_at_and_sync_source_and_a_real_change_stamps_the_clock()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        var fromGoogle = await InsertEventAsync(userId, source: SyncSource.Google);
        var stored = (await Events.GetAsync(userId, e.Id, Ct))!;
        var storedFromGoogle = (await Events.GetAsync(userId, fromGoogle.Id, Ct))!;
        await CompleteAllAsync();

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await Events.UpdateAsync(stored, Ct));
        Assert.True(await Events.UpdateAsync(storedFromGoogle with { SyncSource = SyncSource.Aegis }, Ct));

        Assert.Equal(stored, await Events.GetAsync(userId, e.Id, Ct));
        Assert.Equal(storedFromGoogle, await Events.GetAsync(userId, fromGoogle.Id, Ct));
        Assert.Equal(e.Id, Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).FinancialEventId);

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await Events.UpdateAsync(storedFromGoogle with { Description = "now with a note", SyncSource = SyncSource.Aegis }, Ct));
        var edited = (await Events.GetAsync(userId, fromGoogle.Id, Ct))!;
        Assert.Equal((Start.AddMinutes(10), SyncSource.Aegis, "now with a note"), (edited.UpdatedAt, edited.SyncSource, edited.Description));
    }

    [Fact]
    public async Task Trigger_enqueues_delete_when_event_is_soft_deleted()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        await CompleteAllAsync();

        Assert.True(await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Aegis, Start, Ct));
        Assert.False(await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Aegis, Start, Ct));

        var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal(QueueAction.Delete, pending.Action);
    }

    [Fact]
    public async Task Trigger_enqueues_delete_when_live_event_is_hard_deleted()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        await CompleteAllAsync();

        await ExecuteSqlAsync("DELETE FROM financial_events WHERE id = @id", new { id = DbId(e.Id) });

        var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal((e.Id, QueueAction.Delete), (pending.FinancialEventId!.Value, pending.Action));
    }

    [Fact]
    public async Task Trigger_does_not_enqueue_when_write_comes_from_google()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId, source: SyncSource.Google);
        await Events.UpdateAsync(e with { Title = "Changed in Google" }, Ct);
        await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Google, Start, Ct);

        Assert.Empty(await QueueOfAsync(userId));
    }

    [Fact]
    public async Task Conditional_update_writes_the_version_it_decided_on_live_or_deleted_and_only_over_the_version_read()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId, source: SyncSource.Google);
        Assert.True(await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Google, Start, Ct));
        var deleted = (await Events.GetAsync(userId, e.Id, Ct, includeDeleted: true))!;

        // A Google edit that won over the wallet's deletion: the live version is written and the event is back.
        Assert.False(await Events.UpdateIfUnchangedAsync(deleted with { Title = "Stale", DeletedAt = null }, e.UpdatedAt, Ct));
        Assert.True(await Events.UpdateIfUnchangedAsync(deleted with { Title = "Edited in Google", DeletedAt = null }, deleted.UpdatedAt, Ct));

        var restored = await Events.GetAsync(userId, e.Id, Ct);
        Assert.Equal(("Edited in Google", (DateTimeOffset?)null), (restored?.Title, restored?.DeletedAt));
        Assert.Empty(await QueueOfAsync(userId));
    }

    [Fact]
    public async Task Trigger_does_not_enqueue_when_user_has_sync_disabled_or_unconfigured()
    {
        var unconnected = await NewUserAsync(syncEnabled: false);
        var disabled = await NewUserAsync();
        await Settings.DisableAsync(disabled, "invalid_grant", Ct);

        await InsertEventAsync(unconnected);
        await InsertEventAsync(disabled);

        Assert.Empty(await QueueOfAsync(unconnected));
        Assert.Empty(await QueueOfAsync(disabled));
    }

    [Fact]
    public async Task Trigger_coalesces_repeated_edits_into_one_pending_item()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(10));
            await Events.UpdateAsync(e with { Title = $"Edit {i}" }, Ct);
        }
        await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Aegis, Time.GetUtcNow(), Ct);

        var item = Assert.Single(await QueueOfAsync(userId));
        Assert.Equal((QueueAction.Delete, Start, Start.AddSeconds(30)), (item.Action, item.CreatedAt, item.UpdatedAt));
    }

    [Fact]
    public async Task Trigger_makes_an_item_waiting_in_a_slow_retry_tier_due_at_once_when_the_wallet_edits_its_event()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        var claimed = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        // Google was failing: the item waits in the 2-hour tier.
        Assert.True(await Queue.RetryAsync(claimed.Id, claimed.LeaseId!.Value, Start.AddHours(2), "503", false, Ct));
        Time.Advance(TimeSpan.FromMinutes(5));

        await Events.UpdateAsync(e with { Title = "Edited while waiting" }, Ct);

        var item = Assert.Single(await QueueOfAsync(userId));
        Assert.Equal((claimed.Id, QueueStatus.Pending, Start.AddMinutes(5), 1), (item.Id, item.Status, item.NextAttemptAt, item.RetryCount));
        Assert.Equal([claimed.Id], (await Queue.ClaimAsync(10, Lease, Ct)).Select(i => i.Id));
    }

    [Fact]
    public async Task Trigger_adds_a_second_item_when_the_first_is_already_processing()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        var claimed = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));

        await Events.UpdateAsync(e with { Title = "Edited while syncing" }, Ct);

        var items = await QueueOfAsync(userId);
        Assert.Equal([QueueStatus.Pending, QueueStatus.Processing], items.Select(i => i.Status));
        Assert.Equal(claimed.Id, items[1].Id);
    }

    // ---- mappings ----

    [Fact]
    public async Task Mapping_update_with_stale_version_is_rejected()
    {
        var userId = await NewUserAsync();
        var mapping = NewMapping(userId);
        Assert.True(await Mappings.UpsertAsync(mapping, null, Ct));
        Assert.False(await Mappings.UpsertAsync(mapping, null, Ct));

        Assert.True(await Mappings.UpsertAsync(mapping with { GoogleEtag = "\"2\"" }, expectedVersion: 1, Ct));
        Assert.False(await Mappings.UpsertAsync(mapping with { GoogleEtag = "\"stale\"" }, expectedVersion: 1, Ct));

        var stored = await Mappings.GetByEventAsync(userId, mapping.FinancialEventId, Ct);
        Assert.Equal(mapping with { GoogleEtag = "\"2\"", Version = 2 }, stored);
        Assert.Equal(stored, await Mappings.GetByGoogleIdAsync(userId, "primary", mapping.GoogleEventId, Ct));
    }

    [Fact]
    public async Task Mapping_keeps_the_hash_of_googles_rendering_apart_from_the_wallets()
    {
        var userId = await NewUserAsync();
        var mapping = NewMapping(userId) with { ContentHash = "wallet-hash", RemoteContentHash = "google-hash" };
        Assert.True(await Mappings.UpsertAsync(mapping, null, Ct));
        Assert.Equal("google-hash", (await Mappings.GetByEventAsync(userId, mapping.FinancialEventId, Ct))!.GoogleSideHash);

        Assert.True(await Mappings.UpsertAsync(mapping with { RemoteContentHash = null }, expectedVersion: 1, Ct));
        var pushed = (await Mappings.GetByEventAsync(userId, mapping.FinancialEventId, Ct))!;
        Assert.Null(pushed.RemoteContentHash);
        Assert.Equal("wallet-hash", pushed.GoogleSideHash);
    }

    [Fact]
    public async Task Mapping_keeps_googles_html_link()
    {
        var userId = await NewUserAsync();
        var mapping = NewMapping(userId) with { HtmlLink = "https://www.google.com/calendar/event?eid=abc" };
        Assert.True(await Mappings.UpsertAsync(mapping, null, Ct));
        Assert.Equal(mapping.HtmlLink, (await Mappings.GetByEventAsync(userId, mapping.FinancialEventId, Ct))!.HtmlLink);

        Assert.True(await Mappings.UpsertAsync(mapping with { HtmlLink = "https://www.google.com/calendar/event?eid=def" }, expectedVersion: 1, Ct));
        Assert.Equal("https://www.google.com/calendar/event?eid=def", (await Mappings.ListAsync(userId, Ct)).Single().HtmlLink);
    }

    [Fact]
    public async Task Mapping_keeps_the_wallet_side_values_of_the_version_last_synced()
    {
        var userId = await NewUserAsync();
        var mapping = NewMapping(userId);
        Assert.True(await Mappings.UpsertAsync(mapping, null, Ct));
        Assert.Null((await Mappings.GetByEventAsync(userId, mapping.FinancialEventId, Ct))!.Synced);

        var synced = new SyncedValues(1234.56m, "EUR", EventType.Bill, EventStatus.Paid, "housing");
        Assert.True(await Mappings.UpsertAsync(mapping with { Synced = synced }, expectedVersion: 1, Ct));
        Assert.Equal(synced, (await Mappings.GetByEventAsync(userId, mapping.FinancialEventId, Ct))!.Synced);

        var uncategorised = new SyncedValues(0m, "USD", EventType.Reminder, EventStatus.Pending, null);
        Assert.True(await Mappings.UpsertAsync(mapping with { Synced = uncategorised }, expectedVersion: 2, Ct));
        Assert.Equal(uncategorised, (await Mappings.ListAsync(userId, Ct)).Single().Synced);
    }

    [Fact]
    public async Task Mappings_are_scoped_by_user_and_deletable()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var mapping = NewMapping(owner);
        await Mappings.UpsertAsync(mapping, null, Ct);

        Assert.Null(await Mappings.GetByEventAsync(other, mapping.FinancialEventId, Ct));
        Assert.Null(await Mappings.GetByGoogleIdAsync(other, "primary", mapping.GoogleEventId, Ct));
        Assert.Empty(await Mappings.ListAsync(other, Ct));
        await Mappings.DeleteAsync(other, mapping.FinancialEventId, Ct);
        Assert.Single(await Mappings.ListAsync(owner, Ct));

        await Mappings.DeleteAsync(owner, mapping.FinancialEventId, Ct);
        Assert.Empty(await Mappings.ListAsync(owner, Ct));
    }

    // ---- queue ----

    [Fact]
    public async Task Claim_marks_due_items_processing_under_one_new_lease_and_respects_batch_size()
    {
        var userId = await NewUserAsync();
        for (var i = 0; i < 3; i++) await InsertEventAsync(userId, $"e{i}");

        var batch = await Queue.ClaimAsync(2, Lease, Ct);

        Assert.Equal(2, batch.Count);
        Assert.All(batch, i => Assert.Equal((QueueStatus.Processing, Start + Lease), (i.Status, i.LockedUntil!.Value)));
        Assert.Single(batch.Select(i => i.LeaseId).Distinct());
        Assert.NotNull(batch[0].LeaseId);
        Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
    }

    [Fact]
    public async Task Claim_waits_for_the_older_item_of_the_same_event()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        var first = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        await Events.UpdateAsync(e with { Title = "Second edit" }, Ct);

        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));

        Assert.True(await Queue.CompleteAsync(first.Id, first.LeaseId!.Value, Ct));
        var second = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public async Task Claim_never_returns_two_items_of_one_event_in_a_batch()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        var first = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        await Events.UpdateAsync(e with { Title = "Second edit" }, Ct);
        Assert.True(await Queue.RetryAsync(first.Id, first.LeaseId!.Value, Time.GetUtcNow(), "timeout", false, Ct));

        var batch = await Queue.ClaimAsync(10, Lease, Ct);

        Assert.Equal([first.Id], batch.Select(i => i.Id));
    }

    [Fact]
    public async Task Claim_takes_expired_leases_first_then_due_work_in_the_order_it_fell_due()
    {
        var userId = await NewUserAsync();
        var backingOff = await InsertEventAsync(userId, "a");
        var crashed = await InsertEventAsync(userId, "b");
        var waiting = await InsertEventAsync(userId, "c");
        var first = Assert.Single(await Queue.ClaimAsync(1, Lease, Ct));
        Assert.True(await Queue.RetryAsync(first.Id, first.LeaseId!.Value, Start.AddSeconds(5), "503", false, Ct));
        Assert.Equal(crashed.Id, Assert.Single(await Queue.ClaimAsync(1, Lease, Ct)).FinancialEventId);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        var order = new List<Guid>();
        for (var i = 0; i < 3; i++) order.Add(Assert.Single(await Queue.ClaimAsync(1, Lease, Ct)).FinancialEventId!.Value);

        Assert.Equal(backingOff.Id, first.FinancialEventId);
        Assert.Equal([crashed.Id, waiting.Id, backingOff.Id], order);
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
    }

    [Fact]
    public async Task Calendar_wide_inbound_work_runs_one_at_a_time_per_user_without_holding_up_anything_else()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var incremental = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        var full = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, Ct);
        var othersSync = await Queue.EnqueueFromGoogleAsync(other, QueueAction.IncrementalSync, Ct);
        var bill = await InsertEventAsync(userId);

        // A claim's due work is one user's (the user of the oldest due item); the other user's sync is not held up
        // by this user's full sync: it is the next claim's.
        var batch = await Queue.ClaimAsync(10, Lease, Ct);
        var others = await Queue.ClaimAsync(10, Lease, Ct);

        Assert.Equal([incremental], batch.Where(i => i.FinancialEventId is null).Select(i => i.Id));
        Assert.Equal([bill.Id], batch.Where(i => i.FinancialEventId is not null).Select(i => i.FinancialEventId!.Value));
        Assert.Equal([othersSync], others.Select(i => i.Id));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.True(await Queue.CompleteAsync(incremental, batch[0].LeaseId!.Value, Ct));
        Assert.Equal(full, Assert.Single(await Queue.ClaimAsync(10, Lease, Ct)).Id);
    }

    [Fact]
    public async Task A_claim_takes_one_users_due_work_oldest_user_first()
    {
        var users = new[] { await NewUserAsync(), await NewUserAsync(), await NewUserAsync() };
        var byUser = users.ToDictionary(u => u, _ => new List<Guid>());
        for (var i = 0; i < 9; i++)
        {
            var e = await InsertEventAsync(users[i % 3], $"e{i}");
            byUser[users[i % 3]].Add(e.Id);
        }

        var first = await Queue.ClaimAsync(50, Lease, Ct);
        var second = await Queue.ClaimAsync(2, Lease, Ct);

        Assert.Equal(byUser[users[0]], first.Select(i => i.FinancialEventId!.Value));
        Assert.Equal(byUser[users[1]].Take(2), second.Select(i => i.FinancialEventId!.Value));
        // Fair: the next claim starts from the oldest due item again, now users[2]'s, and users[1]'s rest follows.
        Assert.Equal(byUser[users[2]], (await Queue.ClaimAsync(50, Lease, Ct)).Select(i => i.FinancialEventId!.Value));
        Assert.Equal(byUser[users[1]].Skip(2), (await Queue.ClaimAsync(50, Lease, Ct)).Select(i => i.FinancialEventId!.Value));
        Assert.Empty(await Queue.ClaimAsync(50, Lease, Ct));
    }

    [Fact]
    public async Task Expired_leases_of_any_user_come_first_and_the_due_work_that_follows_is_one_users()
    {
        var crashedUser = await NewUserAsync();
        var dueUser = await NewUserAsync();
        var crashed = await InsertEventAsync(crashedUser, "crashed");
        Assert.Equal(crashed.Id, Assert.Single(await Queue.ClaimAsync(10, Lease, Ct)).FinancialEventId);
        var due = new[] { await InsertEventAsync(dueUser, "a"), await InsertEventAsync(dueUser, "b") };
        var laterOfCrashedUser = await InsertEventAsync(crashedUser, "later");
        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        // The dead node's item first, whoever's it is; then the due work of the user of the oldest due item only.
        Assert.Equal([crashed.Id, due[0].Id, due[1].Id], (await Queue.ClaimAsync(10, Lease, Ct)).Select(i => i.FinancialEventId!.Value));
        Assert.Equal(laterOfCrashedUser.Id, Assert.Single(await Queue.ClaimAsync(10, Lease, Ct)).FinancialEventId);
    }

    [Fact]
    public async Task A_user_whose_oldest_due_item_waits_behind_a_live_lease_holds_up_no_other_user()
    {
        var waiting = await NewUserAsync();
        var other = await NewUserAsync();
        var e = await InsertEventAsync(waiting);
        var running = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        await Events.UpdateAsync(e with { Title = "Second edit" }, Ct);
        var othersBill = await InsertEventAsync(other);

        // The oldest due item is the second edit, not claimable while the first runs: the claim takes the other
        // user's work instead of returning nothing.
        var batch = await Queue.ClaimAsync(10, Lease, Ct);

        Assert.Equal([othersBill.Id], batch.Select(i => i.FinancialEventId!.Value));
        Assert.True(await Queue.CompleteAsync(running.Id, running.LeaseId!.Value, Ct));
        Assert.Equal(e.Id, Assert.Single(await Queue.ClaimAsync(10, Lease, Ct)).FinancialEventId);
    }

    [Fact]
    public async Task Concurrent_claimers_never_receive_the_same_item()
    {
        var users = new[] { await NewUserAsync(), await NewUserAsync() };
        var expected = new List<Guid>();
        for (var i = 0; i < 60; i++) expected.Add((await InsertEventAsync(users[i % 2], $"e{i}")).Id);
        var claimed = new ConcurrentBag<long>();

        async Task ClaimLoopAsync()
        {
            while (true)
            {
                var batch = await Queue.ClaimAsync(3, Lease, Ct);
                if (batch.Count == 0) return;
                foreach (var item in batch)
                {
                    claimed.Add(item.Id);
                    Assert.True(await Queue.CompleteAsync(item.Id, item.LeaseId!.Value, Ct));
                }
            }
        }

        await Task.WhenAll(Task.Run(ClaimLoopAsync), Task.Run(ClaimLoopAsync));

        Assert.Equal(60, claimed.Count);
        Assert.Equal(60, claimed.Distinct().Count());
        var completed = (await QueueOfAsync(users[0], QueueStatus.Completed)).Concat(await QueueOfAsync(users[1], QueueStatus.Completed));
        Assert.Equal(expected.Order(), completed.Select(i => i.FinancialEventId!.Value).Order());
    }

    [Fact]
    public async Task Lost_lease_cannot_complete_retry_or_heartbeat()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        var stale = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));

        Assert.NotEqual(stale.LeaseId, current.LeaseId);
        Assert.False(await Queue.CompleteAsync(stale.Id, stale.LeaseId!.Value, Ct));
        Assert.False(await Queue.RetryAsync(stale.Id, stale.LeaseId!.Value, Time.GetUtcNow(), "late", true, Ct));
        Assert.False(await Queue.HeartbeatAsync(stale.Id, stale.LeaseId!.Value, Lease, Ct));
        Assert.True(await Queue.CompleteAsync(current.Id, current.LeaseId!.Value, Ct));
        Assert.False(await Queue.CompleteAsync(current.Id, current.LeaseId!.Value, Ct));
    }

    [Fact]
    public async Task Expired_lease_returns_item_to_claimable_and_heartbeat_extends_it()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        var item = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));

        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await Queue.HeartbeatAsync(item.Id, item.LeaseId!.Value, Lease, Ct));
        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));

        Time.Advance(TimeSpan.FromSeconds(11));
        var reclaimed = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.Equal(item.Id, reclaimed.Id);
    }

    [Fact]
    public async Task Retry_waits_for_its_backoff_then_dead_letter_keeps_the_error()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        var item = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));

        Assert.True(await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start.AddSeconds(2), "503 backendError", false, Ct));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
        Time.Advance(TimeSpan.FromSeconds(2));
        var retried = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.Equal((1, "503 backendError"), (retried.RetryCount, retried.LastError));

        Assert.True(await Queue.RetryAsync(retried.Id, retried.LeaseId!.Value, Start, "400 badRequest", true, Ct));

        var failed = Assert.Single(await QueueOfAsync(userId, QueueStatus.Failed));
        Assert.Equal((2, "400 badRequest"), (failed.RetryCount, failed.LastError));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
    }

    [Fact]
    public async Task Closing_an_events_dead_letters_completes_only_that_users_failed_items_of_that_event()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var synced = await InsertEventAsync(userId);
        var pending = await InsertEventAsync(userId);
        var ofOther = await InsertEventAsync(other);
        foreach (var claimed in await ClaimEveryUsersWorkAsync())
        {
            if (claimed.FinancialEventId != pending.Id) await Queue.RetryAsync(claimed.Id, claimed.LeaseId!.Value, Start, "boom", true, Ct);
        }

        Assert.Empty(await Queue.CloseFailedForEventAsync(other, synced.Id, Ct));
        Assert.Equal(synced.Id, Assert.Single(await Queue.CloseFailedForEventAsync(userId, synced.Id, Ct)).FinancialEventId);
        Assert.Empty(await Queue.CloseFailedForEventAsync(userId, synced.Id, Ct));

        Assert.Equal(synced.Id, Assert.Single(await QueueOfAsync(userId, QueueStatus.Completed)).FinancialEventId);
        Assert.Empty(await QueueOfAsync(userId, QueueStatus.Failed));
        Assert.Equal(ofOther.Id, Assert.Single(await QueueOfAsync(other, QueueStatus.Failed)).FinancialEventId);
        Assert.Equal(pending.Id, Assert.Single(await QueueOfAsync(userId, QueueStatus.Processing)).FinancialEventId);
    }

    [Fact]
    public async Task Requeue_from_failed_makes_the_item_claimable_for_its_owner_only()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        await InsertEventAsync(userId);
        var item = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start, "boom", true, Ct);

        Assert.False(await Queue.RequeueFailedAsync(other, item.Id, Ct));
        Assert.True(await Queue.RequeueFailedAsync(userId, item.Id, Ct));
        Assert.False(await Queue.RequeueFailedAsync(userId, item.Id, Ct));

        var again = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.Equal((item.Id, 0), (again.Id, again.RetryCount));
    }

    [Fact]
    public async Task Retry_all_requeues_every_dead_letter_of_its_owner_only()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        await InsertEventAsync(userId, "Rent");
        await InsertEventAsync(userId, "Water");
        await InsertEventAsync(other, "Other's bill");
        foreach (var claimed in await ClaimEveryUsersWorkAsync())
        {
            await Queue.RetryAsync(claimed.Id, claimed.LeaseId!.Value, Start, "boom", true, Ct);
        }

        Assert.Equal(2, await Queue.RequeueAllFailedAsync(userId, Ct));
        Assert.Equal(0, await Queue.RequeueAllFailedAsync(userId, Ct));

        Assert.Equal(2, (await QueueOfAsync(userId, QueueStatus.Pending)).Count(i => i.RetryCount == 0));
        Assert.Single(await QueueOfAsync(other, QueueStatus.Failed));
    }

    [Fact]
    public async Task Failed_items_are_listed_and_requeued_in_bulk_for_one_user_or_every_user()
    {
        var a = await NewUserAsync();
        var b = await NewUserAsync();
        await Queue.EnqueueFromGoogleAsync(a, QueueAction.FullSync, Ct);
        await Queue.EnqueueFromGoogleAsync(b, QueueAction.FullSync, Ct);
        foreach (var item in await ClaimEveryUsersWorkAsync())
            await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start, "boom", true, Ct);
        var pending = await Queue.EnqueueFromGoogleAsync(a, QueueAction.IncrementalSync, Ct);

        Assert.Equal([a], (await Queue.ListFailedAsync(a, 10, Ct)).Select(i => i.UserId));
        Assert.Equal(2, (await Queue.ListFailedAsync(null, 10, Ct)).Count);
        Assert.Single(await Queue.ListFailedAsync(null, 1, Ct));
        Assert.Equal(1, await Queue.RequeueAllFailedAsync(a, Ct));
        Assert.Equal([b], (await Queue.ListFailedAsync(null, 10, Ct)).Select(i => i.UserId));
        Assert.Equal(1, await Queue.RequeueAllFailedAsync(null, Ct));
        Assert.Equal(0, await Queue.RequeueAllFailedAsync(null, Ct));

        Assert.Empty(await Queue.ListFailedAsync(null, 10, Ct));
        Assert.All(await QueueOfAsync(a), i => Assert.Equal((QueueStatus.Pending, 0), (i.Status, i.RetryCount)));
        Assert.Contains(pending, (await QueueOfAsync(a)).Select(i => i.Id));
        Assert.Equal(0, Assert.Single(await QueueOfAsync(b)).RetryCount);
    }

    [Fact]
    public async Task Stored_secrets_are_listed_as_stored_and_replaced_only_while_unchanged()
    {
        var userId = await NewUserAsync();
        var bare = await NewUserAsync();
        await Settings.SaveTokensAsync(userId, "access-1", "refresh-1", Start, Ct);
        var stored = Assert.Single(await Settings.ListStoredSecretsAsync(Ct), s => s.UserId == userId);
        Assert.Equal(new StoredSecrets(userId, "access-1", "refresh-1", null), stored);
        Assert.Equal(new StoredSecrets(bare, null, null, null), Assert.Single(await Settings.ListStoredSecretsAsync(Ct), s => s.UserId == bare));

        var replacement = new StoredSecrets(userId, "access-2", "refresh-2", "webhook-2");
        Assert.False(await Settings.ReplaceStoredSecretsAsync(stored with { AccessToken = "access-0" }, replacement, Ct));
        Assert.False(await Settings.ReplaceStoredSecretsAsync(stored with { WebhookSecret = "webhook-0" }, replacement, Ct));
        Assert.True(await Settings.ReplaceStoredSecretsAsync(stored, replacement, Ct));
        Assert.False(await Settings.ReplaceStoredSecretsAsync(stored, replacement with { AccessToken = "access-3" }, Ct));

        Assert.Equal(replacement, Assert.Single(await Settings.ListStoredSecretsAsync(Ct), s => s.UserId == userId));
        Assert.Equal(Start, (await Settings.GetAsync(userId, Ct))!.TokenExpiresAt);
    }

    [Fact]
    public async Task Every_settings_row_and_every_user_are_listed()
    {
        var enabled = await NewUserAsync();
        var disabled = await NewUserAsync(syncEnabled: false);
        await Settings.SavePreferencesAsync(new CalendarSyncSettings { UserId = disabled, Enabled = false }, Ct);

        var rows = (await Settings.ListAllAsync(Ct)).Select(s => s.UserId.ToString()).ToList();
        Assert.Equal(new[] { enabled, disabled }.Select(id => id.ToString()).Order(StringComparer.Ordinal), rows);
        var users = await Users.ListAsync(Ct);
        Assert.Equal(users.Select(u => u.Email).Order(StringComparer.Ordinal), users.Select(u => u.Email));
        Assert.Equal(new[] { enabled, disabled }.Order(), users.Select(u => u.Id).Order());
    }

    [Fact]
    public async Task From_google_work_is_coalesced_per_user_and_action()
    {
        var userId = await NewUserAsync();
        var first = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        var second = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        var full = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, Ct);

        Assert.Equal(first, second);
        Assert.NotEqual(first, full);
        var items = await QueueOfAsync(userId);
        Assert.All(items, i => Assert.Equal((SyncDirection.FromGoogle, (Guid?)null), (i.Direction, i.FinancialEventId)));
        Assert.Equal(2, items.Count);
        Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.EnqueueFromGoogleAsync(userId, QueueAction.Upsert, Ct));
    }

    [Fact]
    public async Task Debounced_inbound_work_falls_due_after_the_latest_push_but_no_later_than_its_cap()
    {
        var userId = await NewUserAsync();
        var debounce = new QueueDebounce(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));
        var first = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, debounce, Ct);
        Assert.Equal(Start.AddMilliseconds(300), await Queue.NextDueAtAsync(Ct));
        Time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));

        // Each push within the quiet time pushes the sync back, up to 600 ms after the first push.
        Assert.Equal(first, await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, debounce, Ct));
        Assert.Equal(Start.AddMilliseconds(500), await Queue.NextDueAtAsync(Ct));
        Time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(first, await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, debounce, Ct));
        Assert.Equal(Start.AddMilliseconds(500), await Queue.NextDueAtAsync(Ct));
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
        Time.Advance(TimeSpan.FromMilliseconds(100));

        var claimed = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.Equal((first, QueueAction.IncrementalSync), (claimed.Id, claimed.Action));
        Assert.Null(await Queue.NextDueAtAsync(Ct));
    }

    [Fact]
    public async Task A_push_never_postpones_inbound_work_that_is_due_and_an_immediate_request_brings_it_forward()
    {
        var userId = await NewUserAsync();
        var debounce = new QueueDebounce(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));
        var id = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        Time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(id, await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, debounce, Ct));
        Assert.Equal(Start, await Queue.NextDueAtAsync(Ct));

        var other = await NewUserAsync();
        var pushed = await Queue.EnqueueFromGoogleAsync(other, QueueAction.IncrementalSync, debounce, Ct);
        Assert.Equal(pushed, await Queue.EnqueueFromGoogleAsync(other, QueueAction.IncrementalSync, Ct));

        Assert.Equal([id, pushed], (await ClaimEveryUsersWorkAsync()).Select(i => i.Id));
    }

    [Fact]
    public async Task Work_asked_for_now_never_waits_behind_a_debounced_push_item_of_another_calendar()
    {
        var userId = await NewUserAsync();
        var debounce = new QueueDebounce(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));
        var pushed = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, "primary", debounce, Ct);
        Time.Advance(TimeSpan.FromMilliseconds(10));

        // "Sync now" naming no calendar, and a full resync: both due at once, and so is the push item ahead of them.
        var now = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, null, QueueDebounce.None, Ct);
        var full = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, Ct);

        Assert.NotEqual(pushed, now);
        Assert.Equal(Start.AddMilliseconds(10), await Queue.NextDueAtAsync(Ct));
        foreach (var expected in new[] { pushed, now, full })
        {
            // One calendar-wide item of a user at a time, in order, with the clock stopped.
            var claimed = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
            Assert.Equal(expected, claimed.Id);
            Assert.True(await Queue.CompleteAsync(claimed.Id, claimed.LeaseId!.Value, Ct));
        }

        // A pending item backing off after a failure keeps its backoff.
        await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, "primary", QueueDebounce.None, Ct);
        var failing = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.True(await Queue.RetryAsync(failing.Id, failing.LeaseId!.Value, Start.AddSeconds(4), "503", false, Ct));
        await Queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, Ct);
        Assert.Equal(Start.AddSeconds(4), (await QueueOfAsync(userId, QueueStatus.Pending)).Single(i => i.Id == failing.Id).NextAttemptAt);
    }

    [Fact]
    public async Task Pushes_during_a_running_sync_cause_exactly_one_more_run_after_it()
    {
        var userId = await NewUserAsync();
        var debounce = new QueueDebounce(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));
        await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, debounce, Ct);
        Time.Advance(TimeSpan.FromMilliseconds(300));
        var running = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));

        var followUps = new HashSet<long>();
        for (var i = 0; i < 20; i++)
        {
            followUps.Add(await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, debounce, Ct));
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var followUp = Assert.Single(followUps);
        Assert.NotEqual(running.Id, followUp);
        Assert.Empty(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.True(await Queue.CompleteAsync(running.Id, running.LeaseId!.Value, Ct));
        Assert.Equal(followUp, Assert.Single(await Queue.ClaimAsync(10, Lease, Ct)).Id);
        Assert.Empty(await QueueOfAsync(userId, QueueStatus.Pending));
    }

    [Fact]
    public async Task Next_due_is_the_earliest_pending_item_including_backoffs()
    {
        var userId = await NewUserAsync();
        Assert.Null(await Queue.NextDueAtAsync(Ct));
        await InsertEventAsync(userId);
        var item = Assert.Single(await Queue.ClaimAsync(10, Lease, Ct));
        Assert.Null(await Queue.NextDueAtAsync(Ct));

        Assert.True(await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start.AddSeconds(4), "503", false, Ct));

        Assert.Equal(Start.AddSeconds(4), await Queue.NextDueAtAsync(Ct));
    }

    [Fact]
    public async Task Count_by_status_reports_every_status()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId, "a");
        await InsertEventAsync(userId, "b");
        var claimed = (await Queue.ClaimAsync(1, Lease, Ct))[0];

        var counts = await Queue.CountByStatusAsync(Ct);

        Assert.Equal(QueueStatus.Processing, claimed.Status);
        Assert.Equal(new Dictionary<QueueStatus, long>
        {
            [QueueStatus.Pending] = 1, [QueueStatus.Processing] = 1, [QueueStatus.Completed] = 0, [QueueStatus.Failed] = 0,
        }, counts);
    }

    [Fact]
    public async Task Purge_removes_only_old_completed_items_and_old_audit_rows()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId, "old");
        await CompleteAllAsync();
        await Audit.AppendAsync(new AuditEntry { UserId = userId, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Success }, Ct);
        Time.Advance(TimeSpan.FromDays(8));
        await InsertEventAsync(userId, "recent");
        await CompleteAllAsync();
        await Audit.AppendAsync(new AuditEntry { UserId = userId, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Success }, Ct);

        Assert.Equal(1, await Queue.PurgeCompletedAsync(Time.GetUtcNow().AddDays(-7), Ct));
        Assert.Equal(1, await Audit.PurgeAsync(Time.GetUtcNow().AddDays(-7), Ct));

        Assert.Single(await QueueOfAsync(userId));
        Assert.Equal(Time.GetUtcNow(), Assert.Single(await Audit.QueryAsync(userId, new AuditQuery(), Ct)).CreatedAt);
    }

    // ---- settings ----

    [Fact]
    public async Task Settings_round_trip_and_are_found_by_channel()
    {
        var userId = await NewUserAsync(syncEnabled: false);
        var settings = NewSettings(userId);
        await Settings.UpsertAsync(settings, Ct);

        Assert.Equal(settings with { UpdatedAt = Start }, await Settings.GetAsync(userId, Ct));
        Assert.Equal(userId, (await Settings.FindByChannelIdAsync("channel-1", Ct))!.UserId);
        Assert.Null(await Settings.FindByChannelIdAsync("unknown", Ct));

        await Settings.SetSyncTokenAsync(userId, "token-2", Ct);
        await Settings.DisableAsync(userId, "invalid_grant", Ct);
        var disabled = (await Settings.GetAsync(userId, Ct))!;
        Assert.Equal(("token-2", false, "invalid_grant"), (disabled.SyncToken, disabled.Enabled, disabled.DisabledReason));
        Assert.DoesNotContain(await Settings.ListEnabledAsync(Ct), s => s.UserId == userId);
    }

    [Fact]
    public async Task Channels_expiring_soon_are_listed_only_for_enabled_users()
    {
        var soon = await NewUserAsync(syncEnabled: false);
        var later = await NewUserAsync(syncEnabled: false);
        var disabled = await NewUserAsync(syncEnabled: false);
        await Settings.UpsertAsync(NewSettings(soon) with { GoogleChannelId = "c-soon", ChannelExpiryAt = Start.AddHours(2) }, Ct);
        await Settings.UpsertAsync(NewSettings(later) with { GoogleChannelId = "c-later", ChannelExpiryAt = Start.AddDays(5) }, Ct);
        await Settings.UpsertAsync(NewSettings(disabled) with { Enabled = false, GoogleChannelId = "c-off", ChannelExpiryAt = Start.AddHours(1) }, Ct);

        var expiring = await Settings.ListChannelsExpiringBeforeAsync(Start.AddDays(1), Ct);

        Assert.Equal([soon], expiring.Select(s => s.UserId));
        Assert.Equal(new[] { soon, later }.Order(), (await Settings.ListEnabledAsync(Ct)).Select(s => s.UserId).Order());
    }

    [Fact]
    public async Task Message_number_advance_rejects_duplicates_and_resets_with_a_new_channel()
    {
        var userId = await NewUserAsync(syncEnabled: false);
        await Settings.UpsertAsync(NewSettings(userId), Ct);

        Assert.True(await Settings.TryAdvanceMessageNumberAsync(userId, "channel-1", 1, Ct));
        Assert.True(await Settings.TryAdvanceMessageNumberAsync(userId, "channel-1", 3, Ct));
        Assert.False(await Settings.TryAdvanceMessageNumberAsync(userId, "channel-1", 3, Ct));
        Assert.False(await Settings.TryAdvanceMessageNumberAsync(userId, "channel-1", 2, Ct));
        Assert.False(await Settings.TryAdvanceMessageNumberAsync(userId, "other-channel", 9, Ct));

        var stale = (await Settings.GetAsync(userId, Ct))! with { LastMessageNumber = 0, SyncToken = "t" };
        await Settings.UpsertAsync(stale, Ct);
        Assert.Equal(3, (await Settings.GetAsync(userId, Ct))!.LastMessageNumber);

        await Settings.UpsertAsync(stale with { GoogleChannelId = "channel-2" }, Ct);
        Assert.True(await Settings.TryAdvanceMessageNumberAsync(userId, "channel-2", 1, Ct));
    }

    [Fact]
    public async Task A_pushed_sync_advances_the_message_number_and_enqueues_once_and_a_duplicate_changes_nothing()
    {
        var userId = await NewUserAsync(syncEnabled: false);
        await Settings.UpsertAsync(NewSettings(userId), Ct);
        var debounce = new QueueDebounce(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));

        Assert.True(await Queue.EnqueuePushedSyncAsync(userId, "channel-1", 5, null, debounce, onlyIfAdvanced: true, Ct));
        var item = Assert.Single(await Queue.ListAsync(userId, QueueStatus.Pending, 10, Ct));
        Assert.Equal((SyncDirection.FromGoogle, QueueAction.IncrementalSync), (item.Direction, item.Action));
        Assert.Equal(5, (await Settings.GetAsync(userId, Ct))!.LastMessageNumber);

        // A duplicate (at or below the stored number) enqueues nothing and leaves the number alone.
        Assert.False(await Queue.EnqueuePushedSyncAsync(userId, "channel-1", 5, null, debounce, onlyIfAdvanced: true, Ct));
        Assert.False(await Queue.EnqueuePushedSyncAsync(userId, "channel-1", 4, null, debounce, onlyIfAdvanced: true, Ct));
        Assert.False(await Queue.EnqueuePushedSyncAsync(userId, "other-channel", 9, null, debounce, onlyIfAdvanced: true, Ct));
        Assert.Equal(5, (await Settings.GetAsync(userId, Ct))!.LastMessageNumber);
        Assert.Equal([item.Id], (await Queue.ListAsync(userId, null, 10, Ct)).Select(i => i.Id));

        // A window's flush enqueues whatever the stored number (another node may have written a higher one), coalesced.
        Assert.False(await Queue.EnqueuePushedSyncAsync(userId, "channel-1", 3, null, debounce, onlyIfAdvanced: false, Ct));
        Assert.True(await Queue.EnqueuePushedSyncAsync(userId, "channel-1", 8, null, debounce, onlyIfAdvanced: false, Ct));
        Assert.Equal(8, (await Settings.GetAsync(userId, Ct))!.LastMessageNumber);
        Assert.Equal([item.Id], (await Queue.ListAsync(userId, null, 10, Ct)).Select(i => i.Id));
    }

    [Fact]
    public async Task Targeted_settings_writes_leave_concurrently_written_columns_alone()
    {
        var userId = await NewUserAsync();
        var stale = (await Settings.GetAsync(userId, Ct))!;
        await Settings.UpsertAsync(stale with { ConflictStrategy = ConflictStrategy.Manual, SyncToken = "token-1" }, Ct);

        await Settings.SaveChannelAsync(userId, "channel-9", "resource-9", Start.AddDays(7), Ct);
        await Settings.SetLastFullSyncAsync(userId, Start.AddMinutes(1), Ct);
        await Settings.SaveTokensAsync(userId, "enc-access", "enc-refresh", Start.AddHours(1), Ct);
        await Settings.SavePreferencesAsync(stale with { ConflictStrategy = ConflictStrategy.LocalWins }, Ct);

        var latest = (await Settings.GetAsync(userId, Ct))!;
        Assert.Equal(ConflictStrategy.LocalWins, latest.ConflictStrategy);
        Assert.Equal("token-1", latest.SyncToken);
        Assert.Equal(("channel-9", "resource-9", Start.AddDays(7)), (latest.GoogleChannelId, latest.GoogleResourceId, latest.ChannelExpiryAt));
        Assert.Equal(Start.AddMinutes(1), latest.LastFullSyncAt);
        Assert.Equal(("enc-access", "enc-refresh", Start.AddHours(1)),
            (latest.EncryptedAccessToken, latest.EncryptedRefreshToken, latest.TokenExpiresAt));
        Assert.Equal(0, latest.LastMessageNumber);
    }

    // ---- audit and conflicts ----

    [Fact]
    public async Task Audit_is_filtered_paged_and_scoped_by_user()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var eventId = Guid.NewGuid();
        await Audit.AppendAsync(new AuditEntry
        {
            UserId = userId, Action = AuditAction.Conflict, Status = AuditOutcome.Conflict, FinancialEventId = eventId, GoogleEventId = "g1",
            ConflictDetails = """{"local":{"title":"A"},"google":{"title":"B"}}""", DurationMs = 12,
        }, Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Audit.AppendAsync(new AuditEntry { UserId = userId, Action = AuditAction.SyncFailed, Status = AuditOutcome.Failed, ErrorCode = "429", ErrorMessage = "slow down" }, Ct);
        await Audit.AppendAsync(new AuditEntry { UserId = other, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Success }, Ct);

        var all = await Audit.QueryAsync(userId, new AuditQuery(), Ct);
        var conflicts = await Audit.QueryAsync(userId, new AuditQuery(Status: AuditOutcome.Conflict, FinancialEventId: eventId), Ct);
        var page = await Audit.QueryAsync(userId, new AuditQuery(Limit: 1, Offset: 1), Ct);
        var recent = await Audit.QueryAsync(userId, new AuditQuery(Action: AuditAction.SyncFailed, Since: Start.AddSeconds(1)), Ct);

        Assert.Equal([AuditAction.SyncFailed, AuditAction.Conflict], all.Select(a => a.Action));
        var conflict = Assert.Single(conflicts);
        Assert.Equal(("""{"local":{"title":"A"},"google":{"title":"B"}}""", "g1", 12L, Start),
            (conflict.ConflictDetails, conflict.GoogleEventId, conflict.DurationMs!.Value, conflict.CreatedAt));
        Assert.Equal(AuditAction.Conflict, Assert.Single(page).Action);
        Assert.Equal(("429", "slow down"), (Assert.Single(recent).ErrorCode, recent[0].ErrorMessage));
        Assert.Equal(AuditAction.SyncToGoogle, Assert.Single(await Audit.QueryAsync(other, new AuditQuery(), Ct)).Action);
    }

    [Fact]
    public async Task Conflicts_are_listed_resolved_once_and_scoped_by_user()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var conflict = new SyncConflict
        {
            UserId = userId, FinancialEventId = Guid.NewGuid(), GoogleEventId = "g1",
            LocalVersion = """{"title":"Local"}""", GoogleVersion = """{"title":"Google"}""",
        };
        var id = await Conflicts.AddAsync(conflict, Ct);

        Assert.Equal(conflict with { Id = id, CreatedAt = Start }, Assert.Single(await Conflicts.ListOpenAsync(userId, Ct)));
        Assert.Null(await Conflicts.GetAsync(other, id, Ct));
        Assert.Empty(await Conflicts.ListOpenAsync(other, Ct));
        Assert.False(await Conflicts.MarkResolvedAsync(other, id, ConflictStatus.ResolvedLocal, Start, Ct));

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Conflicts.MarkResolvedAsync(userId, id, ConflictStatus.ResolvedGoogle, Time.GetUtcNow(), Ct));
        Assert.False(await Conflicts.MarkResolvedAsync(userId, id, ConflictStatus.ResolvedLocal, Time.GetUtcNow(), Ct));

        Assert.Empty(await Conflicts.ListOpenAsync(userId, Ct));
        var resolved = (await Conflicts.GetAsync(userId, id, Ct))!;
        Assert.Equal((ConflictStatus.ResolvedGoogle, Time.GetUtcNow()), (resolved.Status, resolved.ResolvedAt!.Value));
    }

    [Fact]
    public async Task Audit_and_conflict_vocabulary_is_stored_as_the_seeds_text_and_read_back()
    {
        var userId = await NewUserAsync();
        string[] actions =
        [
            "sync_to_google", "delete_in_google", "sync_from_google", "delete_from_google", "incremental_sync", "full_sync",
            "conflict", "conflict_resolved", "sync_failed", "sync_disabled", "connected", "disconnected", "channel_renewed",
            "calendar_switched", "channel_renewal", "sign_in", "sign_up", "feed_token_issued", "feed_token_regenerated", "feed_token_revoked",
            "dead_letter_resolved", "dead_letter_requeued", "sync_started",
        ];
        string[] outcomes = ["success", "skipped", "failed", "conflict"];
        Assert.Equal(actions.Length, Enum.GetValues<AuditAction>().Length);
        Assert.Equal(outcomes.Length, Enum.GetValues<AuditOutcome>().Length);
        foreach (var (action, i) in Enum.GetValues<AuditAction>().Select((a, i) => (a, i)))
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Audit.AppendAsync(AuditEntry.Of(userId, action, Enum.GetValues<AuditOutcome>()[i % outcomes.Length]), Ct);
        }

        var conflictId = await Conflicts.AddAsync(new SyncConflict
        {
            UserId = userId, FinancialEventId = Guid.NewGuid(), GoogleEventId = "g1", LocalVersion = "{}", GoogleVersion = "{}",
        }, Ct);
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        var openText = await connection.ExecuteScalarAsync<string>("SELECT status FROM sync_conflicts WHERE id = @conflictId", new { conflictId });
        Assert.True(await Conflicts.MarkResolvedAsync(userId, conflictId, ConflictStatus.ResolvedLocal, Time.GetUtcNow(), Ct));
        var resolvedText = await connection.ExecuteScalarAsync<string>("SELECT status FROM sync_conflicts WHERE id = @conflictId", new { conflictId });
        var stored = (await connection.QueryAsync<(string Action, string Status)>(
            "SELECT action, status FROM calendar_sync_audit WHERE user_id = @userId ORDER BY id", new { userId = DbId(userId) })).ToList();

        Assert.Equal(actions, stored.Select(r => r.Action));
        Assert.Equal(actions.Select((_, i) => outcomes[i % outcomes.Length]), stored.Select(r => r.Status));
        Assert.Equal(("open", "resolved_local"), (openText, resolvedText));
        var read = await Audit.QueryAsync(userId, new AuditQuery(Limit: 100), Ct);
        Assert.Equal(Enum.GetValues<AuditAction>().Reverse(), read.Select(r => r.Action));
        Assert.Equal(ConflictStatus.ResolvedLocal, (await Conflicts.GetAsync(userId, conflictId, Ct))!.Status);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Conflicts.MarkResolvedAsync(userId, conflictId, ConflictStatus.Open, Start, Ct));
    }

    // ---- helpers ----

    private async Task CompleteAllAsync()
    {
        foreach (var item in await Queue.ClaimAsync(100, Lease, Ct))
            Assert.True(await Queue.CompleteAsync(item.Id, item.LeaseId!.Value, Ct));
    }

    private static CalendarSyncMapping NewMapping(Guid userId) => new()
    {
        UserId = userId,
        FinancialEventId = Guid.NewGuid(),
        GoogleCalendarId = "primary",
        GoogleEventId = $"aegis{Guid.NewGuid():N}",
        GoogleEtag = "\"1\"",
        ContentHash = "hash-1",
        SyncSource = SyncSource.Aegis,
        LastModifiedAt = Start,
        LastSyncedAt = Start.AddSeconds(1),
        Version = 1,
    };

    private static CalendarSyncSettings NewSettings(Guid userId) => new()
    {
        UserId = userId,
        Enabled = true,
        CalendarId = "primary",
        GoogleAccountEmail = "me@gmail.com",
        EncryptedAccessToken = "enc-access",
        EncryptedRefreshToken = "enc-refresh",
        TokenExpiresAt = Start.AddHours(1),
        SyncToken = "token-1",
        GoogleChannelId = "channel-1",
        GoogleResourceId = "resource-1",
        ChannelExpiryAt = Start.AddDays(7),
        WebhookSecret = "secret",
        ConflictStrategy = ConflictStrategy.Manual,
        LastFullSyncAt = Start.AddMinutes(-5),
    };
}
