namespace Aegis.CalendarSync.Tests.Store;

public sealed class PostgresOccurrenceStoreTests(PostgresTestDatabase database) : OccurrenceStoreContractTests<PostgresTestDatabase>(database);
