using Aegis.CalendarSync.Tests.Store;

namespace Aegis.CalendarSync.Tests.Feeds;

public sealed class PostgresFeedStoreTests(PostgresTestDatabase database) : FeedStoreContractTests<PostgresTestDatabase>(database);
