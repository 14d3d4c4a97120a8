using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Single use is one statement (DELETE ... RETURNING): of two concurrent callbacks with the same state,
/// exactly one gets the row.</summary>
internal sealed class SqlOAuthStateStore(SqlStoreContext db) : IOAuthStateStore
{
    public async Task SaveAsync(OAuthPendingState state, CancellationToken ct)
    {
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "INSERT INTO oauth_states (state_id, user_id, encrypted_code_verifier, redirect_uri, expires_at, created_at) " +
            "VALUES (@stateId, @userId, @verifier, @redirectUri, @expiresAt, @createdAt)",
            new
            {
                stateId = state.StateId, userId = d.Id(state.UserId), verifier = state.EncryptedCodeVerifier,
                redirectUri = state.RedirectUri, expiresAt = d.Time(state.ExpiresAt), createdAt = d.Time(state.CreatedAt),
            }, ct)).ConfigureAwait(false);
    }

    public async Task<OAuthPendingState?> ConsumeAsync(string stateId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<OAuthStateRow>(Db.Command(
            $"DELETE FROM oauth_states WHERE state_id = @stateId RETURNING {OAuthStateRow.Columns}", new { stateId }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "DELETE FROM oauth_states WHERE expires_at < @now", new { now = db.Dialect.Time(now) }, ct)).ConfigureAwait(false);
    }
}
