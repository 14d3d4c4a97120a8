using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Accounts;

/// <summary>The wallet's users as the hosts see them (sign-in looks them up; the demo seed creates one).</summary>
public sealed class UserAccounts(IUserStore users)
{
    public Task<AppUser?> GetAsync(Guid id, CancellationToken ct) => users.GetAsync(id, ct);

    public Task<AppUser?> FindByEmailAsync(string email, CancellationToken ct) => users.FindByEmailAsync(email, ct);

    public Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken ct) => users.ListAsync(ct);

    public Task<AppUser> CreateAsync(string email, string displayName, CancellationToken ct) => users.CreateAsync(email, displayName, ct);
}
