using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

public interface IUserStore
{
    Task<AppUser> CreateAsync(string email, string displayName, CancellationToken ct);
    /// <summary>Creates the user unless the (normalised) email is taken, atomically (two concurrent calls for one email
    /// create one user); null when it was taken.</summary>
    Task<AppUser?> TryCreateAsync(string email, string displayName, CancellationToken ct);
    /// <summary><see cref="TryCreateAsync(string, string, CancellationToken)"/> with <paramref name="alongside"/>'s
    /// rows written in the same transaction when the user is created; a failure of either creates nothing.</summary>
    Task<AppUser?> TryCreateAsync(string email, string displayName, IUserCreationParticipant alongside, CancellationToken ct);
    Task<AppUser?> GetAsync(Guid id, CancellationToken ct);
    Task<AppUser?> FindByEmailAsync(string email, CancellationToken ct);
    /// <summary>Every user, ordered by email.</summary>
    Task<IReadOnlyList<AppUser>> ListAsync(CancellationToken ct);
}
