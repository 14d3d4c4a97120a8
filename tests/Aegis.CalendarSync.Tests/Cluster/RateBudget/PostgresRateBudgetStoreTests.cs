namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

public sealed class PostgresRateBudgetStoreTests(PostgresTestDatabase database) : RateBudgetStoreContractTests<PostgresTestDatabase>(database);
