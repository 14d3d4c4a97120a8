namespace Aegis.CalendarSync.Tests.Cluster;

public sealed class PostgresSingletonJobRunnerTests(PostgresTestDatabase database) : SingletonJobRunnerTests<PostgresTestDatabase>(database);
