using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Emails are stored trimmed and lower-cased, so lookups are case-insensitive on both engines.</summary>
internal sealed class SqlUserStore(SqlStoreContext db) : IUserStore
{
    public async Task<AppUser> CreateAsync(string email, string displayName, CancellationToken ct)
    {
        var (user, args) = NewUser(email, displayName);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "INSERT INTO users (id, email, display_name, created_at) VALUES (@id, @email, @name, @at)", args, ct)).ConfigureAwait(false);
        return user;
    }

    private const string InsertUnlessTaken =
        "INSERT INTO users (id, email, display_name, created_at) VALUES (@id, @email, @name, @at) ON CONFLICT (email) DO NOTHING";

    public async Task<AppUser?> TryCreateAsync(string email, string displayName, CancellationToken ct)
    {
        var (user, args) = NewUser(email, displayName);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(Db.Command(InsertUnlessTaken, args, ct)).ConfigureAwait(false);
        return rows == 1 ? user : null;
    }

    public async Task<AppUser?> TryCreateAsync(string email, string displayName, IUserCreationParticipant alongside, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        var (user, args) = NewUser(email, displayName);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (await connection.ExecuteAsync(Db.Command(InsertUnlessTaken, args, ct, transaction)).ConfigureAwait(false) != 1)
        {
            return null;
        }

        await alongside.WriteAsync(user, connection, transaction, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return user;
    }

    private (AppUser User, object Args) NewUser(string email, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var now = db.Now();
        var user = new AppUser(Guid.CreateVersion7(now), NormalizeEmail(email), displayName.Trim(), now);
        return (user, new { id = db.Dialect.Id(user.Id), email = user.Email, name = user.DisplayName, at = db.Dialect.Time(now) });
    }

    public Task<AppUser?> GetAsync(Guid id, CancellationToken ct) =>
        QuerySingleAsync("id = @value", db.Dialect.Id(id), ct);

    public Task<AppUser?> FindByEmailAsync(string email, CancellationToken ct) =>
        QuerySingleAsync("email = @value", NormalizeEmail(email), ct);

    public async Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UserRow>(Db.Command(
            $"SELECT {UserRow.Columns} FROM users ORDER BY email", null, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    private async Task<AppUser?> QuerySingleAsync(string where, object value, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(Db.Command(
            $"SELECT {UserRow.Columns} FROM users WHERE {where}", new { value }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    private static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
