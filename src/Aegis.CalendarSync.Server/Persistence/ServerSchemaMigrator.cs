using Dapper;

namespace Aegis.CalendarSync.Server.Persistence;

/// <summary>Creates the server-owned tables. The script is idempotent (IF NOT EXISTS), so running it on every start
/// is safe on both engines and concurrent starts cannot fail on each other.</summary>
public sealed class ServerSchemaMigrator(ServerDatabase database)
{
    private const string ResourceName = "Aegis.CalendarSync.Server.Persistence.Schema.server_auth.sql";

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var stream = typeof(ServerSchemaMigrator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded schema {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var script = await reader.ReadToEndAsync(ct);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(script, cancellationToken: ct));
    }
}
