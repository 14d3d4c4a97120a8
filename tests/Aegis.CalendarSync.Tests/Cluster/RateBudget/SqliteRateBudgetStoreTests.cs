namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

public sealed class SqliteRateBudgetStoreTests(SqliteTestDatabase database) : RateBudgetStoreContractTests<SqliteTestDatabase>(database);
