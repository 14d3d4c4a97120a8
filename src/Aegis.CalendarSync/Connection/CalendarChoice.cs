using Aegis.CalendarSync.Cluster;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Connection;

/// <summary>Which Google calendar sync targets. Guarantees: a switch only ever targets a calendar the account can
/// write, registers the new calendar's channel before stopping the old one, and moves every synced event to the new
/// calendar with events.move (<see cref="CalendarRehoming.MoveAsync"/>: one call each, the same Google event id, and what
/// a person added to it in Google stays; a series moves with its occurrences). An event Google will not move, or no
/// longer holds, is taken off the old calendar where that is possible and inserted on the new one before the switch
/// returns; no wallet event is deleted or duplicated, and each step is audited. The queued full sync of the new
/// calendar then brings in what changed there. A switch routes every
/// event type to the chosen calendar: further synced calendars stop being synced (their channels stopped after the new
/// one is open) and their events move too. At most one switch of a user runs at a time, across every node sharing the database (a lease per user): a second one meanwhile (a
/// double click) is refused and changes nothing, so no switch works from settings another one is replacing.</summary>
public sealed class CalendarChoice(
    IGoogleCalendarClient google,
    ISettingsStore settingsStore,
    ISyncedCalendarStore syncedCalendars,
    IMappingStore mappings,
    ISyncQueueStore queue,
    CalendarRehoming rehoming,
    ISyncService sync,
    PushChannels channels,
    SyncAuditor auditor,
    SingletonJobRunner exclusive)
{
    public async Task<IReadOnlyList<SyncableCalendar>> ListWritableAsync(Guid userId, CancellationToken ct)
    {
        var settings = await RequireConnectedAsync(userId, ct).ConfigureAwait(false);
        var calendars = await google.ListCalendarsAsync(new GoogleAccount(userId), ct).ConfigureAwait(false);
        return calendars
            .Where(c => c.IsWritable && c.Id is not null)
            .Select(c => new SyncableCalendar(c.Id!, c.Summary ?? c.Id!, c.Primary == true, c.AccessRole!, c.TimeZone,
                Selected: string.Equals(CanonicalId(c), settings.CalendarId, StringComparison.Ordinal)))
            .OrderByDescending(c => c.Primary).ThenBy(c => c.Summary, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<SyncableCalendar> CreateAsync(Guid userId, string summary, string? timeZone, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        RequireStarted(await RequireConnectedAsync(userId, ct).ConfigureAwait(false), summary);
        var created = await google.InsertCalendarAsync(new GoogleAccount(userId), new GoogleCalendar { Summary = summary, TimeZone = timeZone }, ct)
            .ConfigureAwait(false);
        var id = created.Id ?? throw new GoogleApiException(System.Net.HttpStatusCode.BadGateway, null, "calendars.insert returned no id.");
        return new SyncableCalendar(id, created.Summary ?? summary, Primary: false, CalendarListEntry.OwnerRole, created.TimeZone, Selected: false);
    }

    /// <summary>Switches sync to <paramref name="calendarId"/>; throws <see cref="CalendarChoiceException"/>
    /// (<see cref="CalendarChoiceException.SwitchInProgress"/>) while another switch of the user runs.</summary>
    public async Task<CalendarSwitchResult> SwitchAsync(Guid userId, string calendarId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarId);
        var started = auditor.StartTimestamp();
        var result = await exclusive.TryRunExclusiveAsync(SwitchLeaseName(userId), held => SwitchHeldAsync(userId, calendarId, started, held), ct)
            .ConfigureAwait(false);
        if (result is not null)
        {
            return result;
        }

        var refused = new CalendarChoiceException(CalendarChoiceException.SwitchInProgress, calendarId,
            "A switch of the synced calendar is already in progress; try again when it has finished.");
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Failed) with
            { ErrorCode = refused.Code, ErrorMessage = refused.Message }, started, ct).ConfigureAwait(false);
        throw refused;
    }

    /// <summary>The per-user lease a switch holds (one row per user in the job lease table).</summary>
    internal static string SwitchLeaseName(Guid userId) => $"calendar_switch:{userId:N}";

    private async Task<CalendarSwitchResult> SwitchHeldAsync(Guid userId, string calendarId, long started, CancellationToken ct)
    {
        var settings = RequireStarted(await RequireConnectedAsync(userId, ct).ConfigureAwait(false), calendarId);
        var account = new GoogleAccount(userId);
        string target;
        try
        {
            target = CanonicalId(await FindWritableAsync(account, calendarId, ct).ConfigureAwait(false));
        }
        catch (CalendarChoiceException e)
        {
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Failed) with
                { ErrorCode = e.Code, ErrorMessage = e.Message }, started, ct).ConfigureAwait(false);
            throw;
        }

        var changed = !string.Equals(settings.CalendarId, target, StringComparison.Ordinal);
        if (changed)
        {
            // The new channel is live before the old one stops: a change on either calendar during the switch is notified.
            var channel = await channels.RegisterAsync(settings, target, ct).ConfigureAwait(false);
            await settingsStore.SaveCalendarAsync(userId, target, channel.Id, channel.ResourceId, channel.ExpiresAt, ct).ConfigureAwait(false);
            if (settings is { GoogleChannelId: { } oldId, GoogleResourceId: { } oldResource })
            {
                await channels.TryStopAsync(userId, oldId, oldResource, ct).ConfigureAwait(false);
            }

            settings = settings with { CalendarId = target, SyncToken = null };
        }

        var others = await syncedCalendars.ListAsync(userId, ct).ConfigureAwait(false);
        if (others.Count > 0)
        {
            await syncedCalendars.ReplaceRoutingAsync(userId, [], ct).ConfigureAwait(false);
            foreach (var other in others)
            {
                if (other is { GoogleChannelId: { } id, GoogleResourceId: { } resource })
                    await channels.TryStopAsync(userId, id, resource, ct).ConfigureAwait(false);
            }
        }

        // Also run when unchanged: a switch interrupted after storing the new id is completed by calling it again.
        var moved = 0;
        try
        {
            foreach (var mapping in await mappings.ListAsync(userId, ct).ConfigureAwait(false))
            {
                if (CalendarRehoming.IsStale(settings, mapping))
                {
                    if (await rehoming.MoveAsync(settings, mapping, ct).ConfigureAwait(false) is null)
                    {
                        await RecreateAsync(userId, mapping.FinancialEventId, ct).ConfigureAwait(false);
                    }

                    moved++;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await HandOverUnmovedAsync(settings, target, moved, ex, started, ct).ConfigureAwait(false);
            throw;
        }

        if (!changed && moved == 0 && others.Count == 0)
        {
            return new CalendarSwitchResult(target, Changed: false, EventsMoved: 0);
        }

        await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Success) with
            { Details = $"now '{target}'; {AuditWording.Count(moved, "event")} moved" }, started, ct).ConfigureAwait(false);
        return new CalendarSwitchResult(target, changed, moved);
    }

    /// <summary>Audit code of a switch whose moves stopped part-way (a Google outage, a timeout): the events not moved yet
    /// are queued and move by the queue's retries (or by running the switch again).</summary>
    public const string MovesInterruptedCode = "calendar_moves_interrupted";

    /// <summary>A move failed part-way (rate limit, 5xx, timeout after the client's retries; nothing changed for that
    /// event): each event still linked to another calendar is queued, so its push moves it with the queue's backoff
    /// even if the switch is never run again, and the new calendar's full sync is queued; the failure is audited.</summary>
    private async Task HandOverUnmovedAsync(CalendarSyncSettings settings, string target, int moved, Exception failure, long started,
        CancellationToken ct)
    {
        var unmoved = (await mappings.ListAsync(settings.UserId, ct).ConfigureAwait(false))
            .Where(m => CalendarRehoming.IsStale(settings, m)).Select(m => m.FinancialEventId).ToList();
        await queue.EnqueueToGoogleAsync(settings.UserId, unmoved, ct).ConfigureAwait(false);
        await queue.EnqueueFromGoogleAsync(settings.UserId, QueueAction.FullSync, ct).ConfigureAwait(false);
        await auditor.RecordAsync(AuditEntry.Of(settings.UserId, AuditAction.CalendarSwitched, AuditOutcome.Failed) with
        {
            ErrorCode = MovesInterruptedCode,
            ErrorMessage = failure.Message,
            Details = $"now '{target}'; {AuditWording.Count(moved, "event")} moved, {AuditWording.Count(unmoved.Count, "event")} queued to move",
        }, started, ct).ConfigureAwait(false);
    }

    /// <summary>An event Google would not move (or no longer held) is inserted on the new calendar at once, whatever its
    /// date (the full sync after the switch only pushes unlinked events of its window), before the next move, so an
    /// interrupted switch leaves none unlinked; an insert that fails now (audited) is left to the queue's retries.</summary>
    private async Task RecreateAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        try
        {
            await sync.SyncToGoogleAsync(userId, financialEventId, ct).ConfigureAwait(false);
        }
        catch (GoogleApiException)
        {
            await queue.EnqueueToGoogleAsync(userId, [financialEventId], ct).ConfigureAwait(false);
        }
    }

    /// <summary>The primary calendar is stored as "primary" (the default, and what existing mappings record), any
    /// other by its id, so the same calendar never has two spellings.</summary>
    internal static string CanonicalId(CalendarListEntry entry) => entry.Primary == true ? "primary" : entry.Id!;

    private async Task<CalendarListEntry> FindWritableAsync(GoogleAccount account, string calendarId, CancellationToken ct)
    {
        var calendars = await google.ListCalendarsAsync(account, ct).ConfigureAwait(false);
        var entry = calendars.FirstOrDefault(c => calendarId == "primary" ? c.Primary == true : string.Equals(c.Id, calendarId, StringComparison.Ordinal))
            ?? throw new CalendarChoiceException(CalendarChoiceException.NotFound, calendarId,
                $"The connected Google account has no calendar '{calendarId}'.");
        return entry.IsWritable
            ? entry
            : throw new CalendarChoiceException(CalendarChoiceException.ReadOnly, calendarId,
                $"The connected Google account can only read '{entry.Summary ?? calendarId}' (role {entry.AccessRole ?? "none"}); choose a calendar it can write.");
    }

    /// <summary>A connection awaiting the go-ahead writes nothing to Google: Start (or Cancel) comes first.</summary>
    private static CalendarSyncSettings RequireStarted(CalendarSyncSettings settings, string calendarId) => settings.AwaitsStart
        ? throw new CalendarChoiceException(CalendarChoiceException.AwaitingStart, calendarId,
            "The first sync of this connection waits for your go-ahead: start it (or cancel) before changing calendars.")
        : settings;

    private async Task<CalendarSyncSettings> RequireConnectedAsync(Guid userId, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        return settings is { IsConnected: true } ? settings : throw new GoogleAccountNotConnectedException(userId);
    }
}
