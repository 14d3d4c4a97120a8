using System.Data.Common;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>A host's own rows about a user being created (the server's password hash), written on the connection and
/// in the transaction that inserts the user: both commit, or neither does (no account without its password).</summary>
public interface IUserCreationParticipant
{
    Task WriteAsync(AppUser user, DbConnection connection, DbTransaction transaction, CancellationToken ct);
}
