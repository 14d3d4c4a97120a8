namespace Aegis.CalendarSync.Tests.Cluster;

public sealed class PostgresSharedAccountRateLimiterTests(PostgresTestDatabase database) : SharedAccountRateLimiterTests<PostgresTestDatabase>(database);
