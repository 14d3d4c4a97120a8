namespace Aegis.CalendarSync.Connection;

/// <summary>The seed's google-calendar-auth function: connect (OAuth code + PKCE), disconnect, renew the push channel.</summary>
public interface IGoogleConnectionService
{
    /// <summary>Creates a signed, single-use, short-lived state bound to the user, with a PKCE verifier kept
    /// server-side; returns the Google authorize URL to redirect the browser to.</summary>
    Task<Uri> StartAuthorizationAsync(Guid userId, Uri redirectUri, CancellationToken ct);

    /// <summary>Validates and consumes the state, exchanges the code with the PKCE verifier, stores the tokens
    /// encrypted, registers the push channel with a fresh per-user secret, and enqueues a full sync.
    /// Throws <see cref="OAuthCallbackException"/> with a user-facing message on any invalid input.</summary>
    Task<Guid> CompleteAuthorizationAsync(string? state, string? code, string? error, Uri redirectUri, CancellationToken ct);

    /// <summary>Stops the channel, revokes the grant at Google, deletes the tokens, disables sync.</summary>
    Task DisconnectAsync(Guid userId, CancellationToken ct);

    /// <summary>Registers a new channel, then stops the old one (no gap). Throws when Google refuses.</summary>
    Task RenewChannelAsync(Guid userId, CancellationToken ct);
}
