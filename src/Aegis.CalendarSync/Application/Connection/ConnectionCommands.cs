using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Connection;

/// <summary>The user's Google connection and sync settings, for the API and the UI: OAuth connect / disconnect
/// (<see cref="GoogleOAuthConnection"/>), the push channel (<see cref="PushChannels"/>), the calendar to sync
/// (<see cref="CalendarChoice"/>), several calendars routed by event type (<see cref="CalendarSetup"/>) and the
/// preferences (strategy, enabled).</summary>
public sealed class ConnectionCommands(
    GoogleOAuthConnection oauth,
    PushChannels channels,
    CalendarChoice calendars,
    CalendarSetup setup,
    ISettingsStore settings,
    ISyncQueueStore queue,
    TimeProvider time) : IGoogleConnectionService
{
    public const int MaxCalendarIdLength = 255;

    /// <summary>The user's settings (tokens included: callers show <see cref="CalendarSyncSettings.IsConnected"/>,
    /// never the ciphertexts); null when the user never connected.</summary>
    public Task<CalendarSyncSettings?> GetSettingsAsync(Guid userId, CancellationToken ct) => settings.GetAsync(userId, ct);

    /// <summary>Applies the change: a different calendar goes through <see cref="SwitchCalendarAsync"/> (which moves
    /// the channel, the sync token and the synced events, and throws its exceptions here); re-enabling clears the
    /// disabled reason (the user's acknowledgement of it). Marking the calendar for import queues a full sync, which
    /// imports the events already in it. Only the preference columns are written.</summary>
    public async Task<PreferencesUpdateResult> UpdatePreferencesAsync(Guid userId, SyncPreferencesChange change, CancellationToken ct)
    {
        var current = await settings.GetAsync(userId, ct).ConfigureAwait(false) ?? new CalendarSyncSettings { UserId = userId };
        if (change.Enabled == true && !current.IsConnected) return PreferencesUpdateResult.NotConnected.Instance;
        if (change.CalendarId is not null && change.CalendarId != current.CalendarId)
        {
            await calendars.SwitchAsync(userId, change.CalendarId, ct).ConfigureAwait(false);
            current = (await settings.GetAsync(userId, ct).ConfigureAwait(false))!;
        }

        var updated = current with
        {
            ConflictStrategy = change.ConflictStrategy ?? current.ConflictStrategy,
            Enabled = change.Enabled ?? current.Enabled,
            DisabledReason = change.Enabled == true ? null : current.DisabledReason,
            ImportForeignEvents = change.ImportForeignEvents ?? current.ImportForeignEvents,
            UpdatedAt = time.GetUtcNow(),
        };
        await settings.SavePreferencesAsync(updated, ct).ConfigureAwait(false);
        if (updated is { ImportForeignEvents: true, CanSync: true } && !current.ImportForeignEvents)
        {
            await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, ct).ConfigureAwait(false);
        }

        return new PreferencesUpdateResult.Saved(updated);
    }

    public Task<Uri> StartAuthorizationAsync(Guid userId, Uri redirectUri, CancellationToken ct) =>
        oauth.StartAuthorizationAsync(userId, redirectUri, ct);

    public Task<Guid> CompleteAuthorizationAsync(string? state, string? code, string? error, Uri redirectUri, CancellationToken ct) =>
        oauth.CompleteAuthorizationAsync(state, code, error, redirectUri, ct);

    public Task DisconnectAsync(Guid userId, CancellationToken ct) => oauth.DisconnectAsync(userId, ct);

    public Task RenewChannelAsync(Guid userId, CancellationToken ct) => channels.RenewAsync(userId, ct);

    public Task<IReadOnlyList<SyncableCalendar>> ListWritableCalendarsAsync(Guid userId, CancellationToken ct) =>
        calendars.ListWritableAsync(userId, ct);

    public Task<SyncableCalendar> CreateCalendarAsync(Guid userId, string summary, string? timeZone, CancellationToken ct) =>
        calendars.CreateAsync(userId, summary, timeZone, ct);

    /// <summary>Creates a dedicated calendar, switches sync to it (moving the synced events) and marks it for import:
    /// what a person adds to Aegis's own calendar is meant as a financial event.</summary>
    public async Task<(SyncableCalendar Calendar, CalendarSwitchResult Switch)> CreateDedicatedCalendarAsync(Guid userId, string summary,
        string? timeZone, CancellationToken ct)
    {
        var created = await calendars.CreateAsync(userId, summary, timeZone, ct).ConfigureAwait(false);
        var switched = await calendars.SwitchAsync(userId, created.Id, ct).ConfigureAwait(false);
        await UpdatePreferencesAsync(userId, new SyncPreferencesChange(ImportForeignEvents: true), ct).ConfigureAwait(false);
        return (created with { Selected = true }, switched);
    }

    /// <summary>The account's calendars (calendarList) with the routing and sync state of each.</summary>
    public Task<IReadOnlyList<CalendarOverview>> ListSyncedCalendarsAsync(Guid userId, CancellationToken ct) => setup.ListAsync(userId, ct);

    /// <summary>Routes every event type to one writable calendar and sets each calendar's import flag (see
    /// <see cref="CalendarSetup.ApplyAsync"/>); throws <see cref="CalendarChoiceException"/> and changes nothing when the
    /// routing is not valid.</summary>
    public Task<IReadOnlyList<CalendarOverview>> RouteCalendarsAsync(Guid userId, IReadOnlyList<CalendarRoute> routes, CancellationToken ct) =>
        setup.ApplyAsync(userId, routes, ct);

    public Task<CalendarSwitchResult> SwitchCalendarAsync(Guid userId, string calendarId, CancellationToken ct) =>
        calendars.SwitchAsync(userId, calendarId, ct);
}
