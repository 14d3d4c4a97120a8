using Aegis.CalendarSync.Store.Migrations;

namespace Aegis.CalendarSync.Server.Persistence;

/// <summary>The server's own tables (<c>app_user_credentials</c>, <c>api_tokens</c>): scripts under
/// <c>Persistence/Migrations/{Sqlite,Postgres}</c>, versions 0100 and up, applied by the engine's migrator with the
/// engine's lock and checksums. 0100 is byte-identical to the script the engine used to carry, so a database created
/// before the move has it recorded with the same checksum and skips it.</summary>
public static class ServerMigrations
{
    public static MigrationSet Set { get; } = MigrationSet.Embedded("server", typeof(ServerMigrations).Assembly, "Aegis.Server.Migrations.");
}
