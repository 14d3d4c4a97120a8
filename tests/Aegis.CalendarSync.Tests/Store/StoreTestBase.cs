using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>Per test: an emptied database, a fake clock and a service provider built by AddAegisStore.</summary>
public abstract class StoreTestBase<TDatabase>(TDatabase database) : EngineStores, IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected TDatabase Database { get; } = database;
    protected TestClock Time { get; } = new(Start);
    protected ServiceProvider Services { get; private set; } = null!;

    protected override IServiceProvider StoreServices => Services;

    public virtual async Task InitializeAsync()
    {
        await Database.ResetAsync();
        Services = Database.BuildServices(Time, configure: ConfigureServices);
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected async Task<Guid> NewUserAsync(bool syncEnabled = true)
    {
        var user = await Users.CreateAsync($"{Guid.NewGuid():N}@example.com", "Test user", Ct);
        if (syncEnabled) await Settings.UpsertAsync(new CalendarSyncSettings { UserId = user.Id, Enabled = true }, Ct);
        return user.Id;
    }

    protected static FinancialEvent NewEvent(Guid userId, string title = "Rent", SyncSource source = SyncSource.Aegis) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        Title = title,
        Description = "Monthly rent",
        Amount = 1234.5678m,
        Currency = "EUR",
        EventType = EventType.Bill,
        Status = EventStatus.Pending,
        StartAt = Start.AddDays(3),
        EndAt = Start.AddDays(3).AddHours(1),
        TimeZone = "Europe/Lisbon",
        SyncSource = source,
    };

    protected async Task<FinancialEvent> InsertEventAsync(Guid userId, string title = "Rent", SyncSource source = SyncSource.Aegis)
    {
        var e = NewEvent(userId, title, source);
        await Events.InsertAsync(e, Ct);
        return e;
    }

    protected Task<IReadOnlyList<SyncQueueItem>> QueueOfAsync(Guid userId, QueueStatus? status = null) =>
        Queue.ListAsync(userId, status, 100, Ct);

    /// <summary>Claims until nothing is claimable. A claim takes one user's due work; set-ups that need every user's
    /// work claimed (not what these tests are about) take it in as many claims as there are users.</summary>
    protected async Task<List<SyncQueueItem>> ClaimEveryUsersWorkAsync()
    {
        var all = new List<SyncQueueItem>();
        while (await Queue.ClaimAsync(10, TimeSpan.FromSeconds(60), Ct) is { Count: > 0 } batch) all.AddRange(batch);
        return all;
    }

    protected async Task<int> ExecuteSqlAsync(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        return await connection.ExecuteAsync(sql, args);
    }

    protected object DbId(Guid id) => Services.GetRequiredService<SqlDialect>().Id(id);
}
