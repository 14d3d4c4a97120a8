namespace Aegis.CalendarSync.Store;

/// <summary>Pending OAuth authorizations: the PKCE verifier (encrypted) kept server-side between start and callback.</summary>
public interface IOAuthStateStore
{
    Task SaveAsync(OAuthPendingState state, CancellationToken ct);

    /// <summary>Deletes and returns the row in one statement, so a state is usable exactly once even under replay races.</summary>
    Task<OAuthPendingState?> ConsumeAsync(string stateId, CancellationToken ct);

    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct);
}

public sealed record OAuthPendingState(string StateId, Guid UserId, string EncryptedCodeVerifier, string RedirectUri,
    DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);
