namespace Aegis.CalendarSync.Connection;

/// <summary>The seed's google-calendar-auth function: connect (OAuth code + PKCE), disconnect, renew the push channel,
/// and choose the calendar to sync.</summary>
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

    /// <summary>The calendars of the connected account that sync may target (writer or owner), primary first.</summary>
    /// <exception cref="Google.Errors.GoogleAccountNotConnectedException">No Google account is connected.</exception>
    Task<IReadOnlyList<SyncableCalendar>> ListWritableCalendarsAsync(Guid userId, CancellationToken ct);

    /// <summary>Creates a secondary calendar owned by the account (calendars.insert); does not switch to it.</summary>
    /// <exception cref="Google.Errors.GoogleAccountNotConnectedException">No Google account is connected.</exception>
    Task<SyncableCalendar> CreateCalendarAsync(Guid userId, string summary, string? timeZone, CancellationToken ct);

    /// <summary>Points sync at another calendar: checks the account can write it, registers a push channel on it
    /// before stopping the old one, stores the id and channel with no sync token, moves every synced event from the
    /// previous calendar with events.move (same Google event id; what a person added in Google stays; an event Google
    /// will not move or no longer holds is taken off the old calendar where possible and inserted on the new one) and
    /// enqueues a full sync of the new calendar that brings in what changed there and imports its own events. Audited.
    /// A no-op when sync already targets the calendar.</summary>
    /// <exception cref="CalendarChoiceException">Unknown or read-only calendar; nothing changed.</exception>
    /// <exception cref="Google.Errors.GoogleAccountNotConnectedException">No Google account is connected.</exception>
    Task<CalendarSwitchResult> SwitchCalendarAsync(Guid userId, string calendarId, CancellationToken ct);
}
