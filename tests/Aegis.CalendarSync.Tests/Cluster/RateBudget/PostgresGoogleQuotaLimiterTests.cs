namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

public sealed class PostgresGoogleQuotaLimiterTests(PostgresTestDatabase database) : GoogleQuotaLimiterTests<PostgresTestDatabase>(database);
