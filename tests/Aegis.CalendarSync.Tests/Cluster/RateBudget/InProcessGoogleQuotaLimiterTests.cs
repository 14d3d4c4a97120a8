using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.RateBudget;

namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

/// <summary>The limiter of one node on SQLite (budgets in process), on the same fake clock as the shared budget.</summary>
public sealed class InProcessGoogleQuotaLimiterTests(SqliteTestDatabase database) : GoogleQuotaLimiterTests<SqliteTestDatabase>(database)
{
    protected override IRateBudgetStore CreateBudget() => new InProcessRateBudgetStore(Time);
}
