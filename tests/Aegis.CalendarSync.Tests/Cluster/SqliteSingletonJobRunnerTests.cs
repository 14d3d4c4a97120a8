namespace Aegis.CalendarSync.Tests.Cluster;

public sealed class SqliteSingletonJobRunnerTests(SqliteTestDatabase database) : SingletonJobRunnerTests<SqliteTestDatabase>(database);
