using System.Data.Common;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.RateBudget;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The user's and the project's GCRA budgets (<see cref="RateBudgetGcra"/>) in the database, shared by every
/// node: on PostgreSQL one statement per HTTP request reserves on both rows (they are locked user row first, then the
/// project row, so two nodes never deadlock); on SQLite (one writer at a time) one write transaction. TATs are kept in
/// microseconds since the Unix epoch so both engines do the arithmetic on integers. A user's first reservation
/// creates its row (and the project's) first, in one more statement.</summary>
internal sealed class SqlRateBudgetStore(SqlStoreContext db) : IRateBudgetStore
{
    private const string Outcomes = "CASE WHEN d.user_earliest > d.release THEN (CASE WHEN d.user_earliest - @now > @maxWait THEN 'refused' ELSE 'user_busy' END) " +
        "WHEN d.release - @now > @maxWait THEN 'refused' ELSE 'reserved' END";

    // RateBudgetGcra.Decide as one statement: lock both rows, decide, move both TATs only when reserved.
    private const string PostgresReserve =
        "WITH u AS (SELECT tat_micros FROM google_rate_budget WHERE user_id = @userId FOR UPDATE), " +
        "p AS (SELECT tat_micros FROM google_project_rate_budget WHERE project = @project AND EXISTS (SELECT 1 FROM u) FOR UPDATE), " +
        "d AS (SELECT u.tat_micros AS user_tat, p.tat_micros AS project_tat, u.tat_micros + @userCost - @userTolerance AS user_earliest, " +
        "GREATEST(@now, p.tat_micros + @projectCost - @projectTolerance) AS release FROM u, p), " +
        "o AS (SELECT d.*, " + Outcomes + " AS outcome FROM d), " +
        "uu AS (UPDATE google_rate_budget SET tat_micros = GREATEST(o.user_tat, o.release) + @userCost FROM o WHERE user_id = @userId AND o.outcome = 'reserved'), " +
        "pu AS (UPDATE google_project_rate_budget SET tat_micros = GREATEST(o.project_tat, o.release) + @projectCost FROM o WHERE project = @project AND o.outcome = 'reserved') " +
        "SELECT o.outcome, GREATEST(o.user_earliest, o.release) - @now AS wait FROM o";

    private const string EnsureRows =
        "INSERT INTO google_rate_budget (user_id, tat_micros) VALUES (@userId, 0) ON CONFLICT (user_id) DO NOTHING; " +
        "INSERT INTO google_project_rate_budget (project, tat_micros) VALUES (@project, 0) ON CONFLICT (project) DO NOTHING";

    public async Task<RateReservation> ReserveAsync(RateBudgetRequest request, CancellationToken ct)
    {
        request.Validate();
        var now = RateBudgetRequest.Micros(db.Now() - DateTimeOffset.UnixEpoch);
        var userId = db.Dialect.Id(request.UserId);
        var args = new
        {
            userId,
            project = request.Project,
            now,
            userCost = request.CostMicrosUser,
            userTolerance = request.ToleranceMicrosUser,
            projectCost = request.CostMicrosProject,
            projectTolerance = request.ToleranceMicrosProject,
            maxWait = request.MaxWaitMicros,
        };
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return db.Dialect is PostgresDialect
            ? await ReservePostgresAsync(connection, args, ct).ConfigureAwait(false)
            : await ReserveInTransactionAsync(connection, request, userId, args, now, ct).ConfigureAwait(false);
    }

    private static async Task<RateReservation> ReservePostgresAsync(DbConnection connection, object args, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Outcome, long Wait)?>(Db.Command(PostgresReserve, args, ct)).ConfigureAwait(false);
        if (row is null)
        {
            await connection.ExecuteAsync(Db.Command(EnsureRows, args, ct)).ConfigureAwait(false);
            row = await connection.QuerySingleAsync<(string Outcome, long Wait)>(Db.Command(PostgresReserve, args, ct)).ConfigureAwait(false);
        }

        return new RateReservation(ParseOutcome(row.Value.Outcome), TimeSpan.FromMicroseconds(row.Value.Wait));
    }

    private static async Task<RateReservation> ReserveInTransactionAsync(DbConnection connection, RateBudgetRequest request, object userId, object args, long now, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(EnsureRows, args, ct, transaction)).ConfigureAwait(false);
        var (userTat, projectTat) = await connection.QuerySingleAsync<(long, long)>(Db.Command(
            "SELECT u.tat_micros, p.tat_micros FROM google_rate_budget u, google_project_rate_budget p WHERE u.user_id = @userId AND p.project = @project",
            args, ct, transaction)).ConfigureAwait(false);
        var decision = RateBudgetGcra.Decide(userTat, projectTat, now, request);
        if (decision.Reservation.Outcome == RateBudgetOutcome.Reserved)
        {
            await connection.ExecuteAsync(Db.Command(
                "UPDATE google_rate_budget SET tat_micros = @user WHERE user_id = @userId; " +
                "UPDATE google_project_rate_budget SET tat_micros = @projectTat WHERE project = @project",
                new { user = decision.UserTat, projectTat = decision.ProjectTat, userId, project = request.Project }, ct, transaction)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return decision.Reservation;
    }

    private static RateBudgetOutcome ParseOutcome(string outcome) => outcome switch
    {
        "reserved" => RateBudgetOutcome.Reserved,
        "user_busy" => RateBudgetOutcome.UserBusy,
        "refused" => RateBudgetOutcome.Refused,
        _ => throw new InvalidOperationException($"Unknown rate budget outcome '{outcome}'."),
    };
}
