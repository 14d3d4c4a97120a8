using Aegis.CalendarSync.Tests.Store;

namespace Aegis.CalendarSync.Tests.Feeds;

public sealed class SqliteFeedStoreTests(SqliteTestDatabase database) : FeedStoreContractTests<SqliteTestDatabase>(database);
