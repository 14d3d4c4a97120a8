namespace Aegis.CalendarSync.Tests.Queue;

public sealed class SqliteQueueProcessorTests(SqliteTestDatabase database) : QueueProcessorTests<SqliteTestDatabase>(database);
