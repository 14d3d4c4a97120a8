namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

public sealed class SqliteGoogleQuotaLimiterTests(SqliteTestDatabase database) : GoogleQuotaLimiterTests<SqliteTestDatabase>(database);
