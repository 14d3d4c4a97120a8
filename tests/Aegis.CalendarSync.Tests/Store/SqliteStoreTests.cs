namespace Aegis.CalendarSync.Tests.Store;

public sealed class SqliteStoreTests(SqliteTestDatabase database) : StoreContractTests<SqliteTestDatabase>(database);
