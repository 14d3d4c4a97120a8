using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary>A --user value: the account's email or its id.</summary>
public static class UserReference
{
    public static Task<AppUser?> FindAsync(UserAccounts users, string reference, CancellationToken ct) =>
        Guid.TryParse(reference, out var id) ? users.GetAsync(id, ct) : users.FindByEmailAsync(reference.Trim(), ct);
}
