namespace Aegis.CalendarSync.Tests.Store;

public sealed class PostgresStoreTests(PostgresTestDatabase database) : StoreContractTests<PostgresTestDatabase>(database);
