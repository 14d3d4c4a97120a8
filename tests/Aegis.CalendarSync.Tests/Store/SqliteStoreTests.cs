using Aegis.CalendarSync.Testing.Databases;

namespace Aegis.CalendarSync.Tests.Store;

public sealed class SqliteStoreTests(SqliteTestDatabase database) : StoreContractTests<SqliteTestDatabase>(database);
