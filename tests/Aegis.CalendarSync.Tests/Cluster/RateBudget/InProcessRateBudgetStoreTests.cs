using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.RateBudget;

namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

/// <summary>The in-process budgets (one node on SQLite) on the same contract; no statements, so the property runs
/// more cases. (The SQLite database only holds the users the tests create.)</summary>
public sealed class InProcessRateBudgetStoreTests(SqliteTestDatabase database) : RateBudgetStoreContractTests<SqliteTestDatabase>(database)
{
    protected override int PropertyIterations => 400;

    protected override IRateBudgetStore CreateBudget() => new InProcessRateBudgetStore(Time);
}
