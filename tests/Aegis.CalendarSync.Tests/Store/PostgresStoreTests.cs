using Aegis.CalendarSync.Testing.Databases;

namespace Aegis.CalendarSync.Tests.Store;

public sealed class PostgresStoreTests(PostgresTestDatabase database) : StoreContractTests<PostgresTestDatabase>(database);
