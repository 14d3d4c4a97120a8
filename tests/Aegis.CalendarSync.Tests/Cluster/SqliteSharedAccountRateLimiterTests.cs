namespace Aegis.CalendarSync.Tests.Cluster;

public sealed class SqliteSharedAccountRateLimiterTests(SqliteTestDatabase database) : SharedAccountRateLimiterTests<SqliteTestDatabase>(database);
