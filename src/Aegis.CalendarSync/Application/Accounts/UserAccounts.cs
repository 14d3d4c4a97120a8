using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Accounts;

/// <summary>The wallet's users as the hosts see them (sign-in looks them up; the demo seed, the admin CLI and
/// sign-up create them).</summary>
public sealed class UserAccounts(IUserStore users)
{
    public Task<AppUser?> GetAsync(Guid id, CancellationToken ct) => users.GetAsync(id, ct);

    public Task<AppUser?> FindByEmailAsync(string email, CancellationToken ct) => users.FindByEmailAsync(email, ct);

    public Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken ct) => users.ListAsync(ct);

    public Task<AppUser> CreateAsync(string email, string displayName, CancellationToken ct) => users.CreateAsync(email, displayName, ct);

    /// <summary>Sign-up: creates the account unless its email (case-insensitively) is taken; null then, and nothing
    /// changed. Atomic: of two concurrent sign-ups for one email exactly one gets the account.</summary>
    public Task<AppUser?> RegisterAsync(string email, string displayName, CancellationToken ct) =>
        users.TryCreateAsync(email, displayName, ct);

    /// <summary><see cref="RegisterAsync(string, string, CancellationToken)"/> that also writes the host's rows of
    /// <paramref name="alongside"/> (the password hash) in the same transaction: an account exists with them or not at all.</summary>
    public Task<AppUser?> RegisterAsync(string email, string displayName, IUserCreationParticipant alongside, CancellationToken ct) =>
        users.TryCreateAsync(email, displayName, alongside, ct);
}
