using System.Data.Common;
using Dapper;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Dapper command with cancellation and an optional transaction.</summary>
internal static class Db
{
    public static CommandDefinition Command(string sql, object? args, CancellationToken ct, DbTransaction? transaction = null) =>
        new(sql, args, transaction, cancellationToken: ct);
}
