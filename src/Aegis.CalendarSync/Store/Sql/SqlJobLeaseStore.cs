using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Job leases as one row per job. Acquiring is a single upsert whose update only happens when the lease
/// lapsed or is the caller's own, so the database decides the race (row lock on PostgreSQL, the write lock on
/// SQLite); a new holder gets fencing_token + 1, the same holder keeps its token.</summary>
internal sealed class SqlJobLeaseStore(SqlStoreContext db) : IJobLeaseStore
{
    public async Task<JobLease?> TryAcquireAsync(string job, string holder, TimeSpan duration, CancellationToken ct)
    {
        var now = db.Now();
        var expiresAt = now + duration;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var token = await connection.QuerySingleOrDefaultAsync<long?>(Db.Command(
            "INSERT INTO job_leases (job_name, holder, fencing_token, expires_at) VALUES (@job, @holder, 1, @expiresAt) " +
            "ON CONFLICT (job_name) DO UPDATE SET " +
            "fencing_token = CASE WHEN job_leases.holder = excluded.holder AND job_leases.expires_at > @now " +
            "THEN job_leases.fencing_token ELSE job_leases.fencing_token + 1 END, " +
            "holder = excluded.holder, expires_at = excluded.expires_at " +
            "WHERE job_leases.expires_at <= @now OR job_leases.holder = excluded.holder " +
            "RETURNING fencing_token",
            new { job, holder, expiresAt = db.Dialect.Time(expiresAt), now = db.Dialect.Time(now) }, ct)).ConfigureAwait(false);
        return token is { } t ? new JobLease(job, holder, t, expiresAt) : null;
    }

    public async Task<bool> RenewAsync(JobLease lease, TimeSpan duration, CancellationToken ct)
    {
        var now = db.Now();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "UPDATE job_leases SET expires_at = @expiresAt " +
            "WHERE job_name = @job AND holder = @holder AND fencing_token = @token AND expires_at > @now",
            new
            {
                job = lease.Job, holder = lease.Holder, token = lease.FencingToken,
                expiresAt = db.Dialect.Time(now + duration), now = db.Dialect.Time(now),
            }, ct)).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(JobLease lease, CancellationToken ct)
    {
        var now = db.Now();
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE job_leases SET expires_at = @now WHERE job_name = @job AND holder = @holder AND fencing_token = @token",
            new { job = lease.Job, holder = lease.Holder, token = lease.FencingToken, now = db.Dialect.Time(now) }, ct)).ConfigureAwait(false);
    }
}
