namespace Aegis.CalendarSync.Tests.Cluster;

public sealed class SqliteClusterStoreTests(SqliteTestDatabase database) : ClusterStoreContractTests<SqliteTestDatabase>(database);
