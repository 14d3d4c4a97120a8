using Aegis.CalendarSync.Server.Persistence;

namespace Aegis.CalendarSync.Server.Tests.Persistence;

/// <summary>The server's tables moved from the engine's migrations to the server's own set. A database created
/// before the move recorded 0100 with these checksums (SHA-256 of the scripts as the engine embedded them); the set
/// must keep them, or start-up would refuse the database as "changed after it was applied".</summary>
public sealed class ServerMigrationTests
{
    [Theory]
    [InlineData("Sqlite", "8fc384b525390e7274d17425bac17d73566dfebb977f3e721b54554f524fa6ad")]
    [InlineData("Postgres", "872f4b9eedabf6bd25f73f2dce3ec8e7cf67aebfbd346cc741177ac4d6568fe5")]
    public void Server_set_keeps_0100_as_databases_recorded_it_before_the_move(string engine, string recordedChecksum)
    {
        var migration = Assert.Single(ServerMigrations.Set.For(engine), m => m.Version == 100); // later server migrations (0101 sign-in failures) follow it

        Assert.Equal((100, "server_auth", recordedChecksum), (migration.Version, migration.Name, migration.Checksum));
    }
}
