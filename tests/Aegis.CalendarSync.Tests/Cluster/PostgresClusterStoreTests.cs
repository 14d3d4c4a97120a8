namespace Aegis.CalendarSync.Tests.Cluster;

public sealed class PostgresClusterStoreTests(PostgresTestDatabase database) : ClusterStoreContractTests<PostgresTestDatabase>(database);
