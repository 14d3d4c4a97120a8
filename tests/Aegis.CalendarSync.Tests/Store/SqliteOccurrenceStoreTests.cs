namespace Aegis.CalendarSync.Tests.Store;

public sealed class SqliteOccurrenceStoreTests(SqliteTestDatabase database) : OccurrenceStoreContractTests<SqliteTestDatabase>(database);
