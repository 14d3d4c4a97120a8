using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Calendars;

/// <summary>Several calendars per connection: lists the account's calendars with their routing and sync state, and
/// applies a new routing (event type → calendar, import flags). Guarantees of <see cref="ApplyAsync"/>: a routing that
/// does not send every event type to exactly one writable calendar of the account is refused before anything changes
/// (<see cref="CalendarChoiceException"/>); a newly synced calendar's push channel is registered before any channel is
/// stopped; a calendar dropped from the routing never deletes a wallet event: its events are queued to move to the
/// calendar their type now goes to (events.move by the outbound sync); each newly synced calendar (or one newly marked
/// for import) gets a full sync of its own.</summary>
public sealed class CalendarSetup(
    IGoogleCalendarClient google,
    ISettingsStore settingsStore,
    ISyncedCalendarStore calendars,
    IMappingStore mappings,
    IFinancialEventStore events,
    ISyncQueueStore queue,
    PushChannels channels,
    CalendarRoutes routes,
    SyncAuditor auditor)
{
    public const int MaxNameLength = 255;

    public async Task<IReadOnlyList<CalendarOverview>> ListAsync(Guid userId, CancellationToken ct)
    {
        var settings = await RequireConnectedAsync(userId, ct).ConfigureAwait(false);
        var routing = await routes.GetAsync(settings, ct).ConfigureAwait(false);
        var listed = await google.ListCalendarsAsync(new GoogleAccount(userId), ct).ConfigureAwait(false);
        return Overview(routing, listed);
    }

    /// <summary>Applies <paramref name="requested"/> (entries with no event type and no import are not synced) and
    /// returns the calendars as they are now.</summary>
    public async Task<IReadOnlyList<CalendarOverview>> ApplyAsync(Guid userId, IReadOnlyList<CalendarRoute> requested, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await RequireConnectedAsync(userId, ct).ConfigureAwait(false);
        var account = new GoogleAccount(userId);
        var listed = (await google.ListCalendarsAsync(account, ct).ConfigureAwait(false)).ToList();
        try
        {
            Validate(requested, listed);
        }
        catch (CalendarChoiceException e)
        {
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Failed) with
                { ErrorCode = e.Code, ErrorMessage = e.Message }, started, ct).ConfigureAwait(false);
            throw;
        }

        var wanted = new List<(string Id, IReadOnlySet<EventType> Types, bool Import)>();
        foreach (var route in requested.Where(r => r.EventTypes.Count > 0 || r.ImportForeignEvents))
        {
            var id = route.CalendarId is { } existing
                ? CalendarChoice.CanonicalId(Find(listed, existing)!)
                : await CreateAsync(account, route.NewCalendarName!.Trim(), listed, ct).ConfigureAwait(false);
            wanted.Add((id, route.EventTypes.ToHashSet(), route.ImportForeignEvents));
        }

        var before = await routes.GetAsync(settings, ct).ConfigureAwait(false);
        var defaultId = wanted.Any(w => w.Id == settings.CalendarId)
            ? settings.CalendarId
            : wanted.OrderByDescending(w => w.Types.Count).First().Id;
        var toStop = new List<(string ChannelId, string ResourceId)>();
        var fullSyncs = new List<string>();

        // New channels first: every calendar synced after this change is watched before any old channel stops.
        var rows = new List<SyncedCalendar>();
        foreach (var (id, types, import) in wanted.Where(w => w.Id != defaultId))
        {
            var kept = before.Others.FirstOrDefault(o => o.CalendarId == id);
            var row = kept ?? await OpenAsync(settings, id, ct).ConfigureAwait(false);
            rows.Add(row with { EventTypes = types, ImportForeignEvents = import });
            if (kept is null || (import && !kept.ImportForeignEvents)) fullSyncs.Add(id);
        }

        var defaultWanted = wanted.First(w => w.Id == defaultId);
        if (defaultId != settings.CalendarId)
        {
            var promoted = before.Others.FirstOrDefault(o => o.CalendarId == defaultId);
            var channel = promoted is { GoogleChannelId: { } reused }
                ? new RegisteredChannel(reused, promoted.GoogleResourceId, promoted.ChannelExpiryAt ?? DateTimeOffset.MinValue)
                : await channels.RegisterAsync(settings, defaultId, ct).ConfigureAwait(false);
            await settingsStore.SaveCalendarAsync(userId, defaultId, channel.Id, channel.ResourceId, channel.ExpiresAt, ct).ConfigureAwait(false);
            if (settings is { GoogleChannelId: { } oldId, GoogleResourceId: { } oldResource }) toStop.Add((oldId, oldResource));
            fullSyncs.Add(defaultId);
        }
        else if (defaultWanted.Import && !settings.ImportForeignEvents)
        {
            fullSyncs.Add(defaultId);
        }

        if (defaultId != settings.CalendarId || defaultWanted.Import != settings.ImportForeignEvents)
        {
            var current = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false) ?? settings;
            await settingsStore.SavePreferencesAsync(current with { CalendarId = defaultId, ImportForeignEvents = defaultWanted.Import }, ct)
                .ConfigureAwait(false);
        }

        await calendars.ReplaceRoutingAsync(userId, rows, ct).ConfigureAwait(false);
        foreach (var dropped in before.Others.Where(o => rows.All(r => r.CalendarId != o.CalendarId) && o.CalendarId != defaultId))
        {
            if (dropped is { GoogleChannelId: { } id, GoogleResourceId: { } resource }) toStop.Add((id, resource));
        }

        foreach (var (id, resource) in toStop)
        {
            await channels.TryStopAsync(userId, id, resource, ct).ConfigureAwait(false);
        }

        var after = await routes.GetAsync((await settingsStore.GetAsync(userId, ct).ConfigureAwait(false))!, ct).ConfigureAwait(false);
        var moving = await QueueMovesAsync(after, ct).ConfigureAwait(false);
        foreach (var id in fullSyncs.Distinct())
        {
            await queue.EnqueueFromGoogleAsync(userId, QueueAction.FullSync, id, QueueDebounce.None, ct).ConfigureAwait(false);
        }

        await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.CalendarSwitched, AuditOutcome.Success) with
        {
            Details = Describe(after) + $"; {AuditWording.Count(moving, "event")} to move",
        }, started, ct).ConfigureAwait(false);
        return Overview(after, await google.ListCalendarsAsync(account, ct).ConfigureAwait(false));
    }

    /// <summary>After a connect: the further calendars' channels carried the previous connection's webhook secret, so each
    /// is opened again (new channel first, then the old one stopped); when the connection now syncs another account or
    /// another default calendar, the further calendars are dropped instead (they belong to the earlier choice; their
    /// events are re-pushed, never deleted, by the full sync of the new connection). A registration Google refuses is
    /// left to the renewal job, which retries a calendar without a channel.</summary>
    public async Task ReopenAfterConnectAsync(CalendarSyncSettings settings, bool sameAccountAndCalendar, CancellationToken ct)
    {
        var others = await calendars.ListAsync(settings.UserId, ct).ConfigureAwait(false);
        if (!sameAccountAndCalendar && others.Count > 0)
        {
            await calendars.ReplaceRoutingAsync(settings.UserId, [], ct).ConfigureAwait(false);
        }

        foreach (var other in others)
        {
            if (sameAccountAndCalendar)
            {
                try
                {
                    var channel = await channels.RegisterAsync(settings, other.CalendarId, ct).ConfigureAwait(false);
                    await calendars.SaveChannelAsync(settings.UserId, other.CalendarId, channel.Id, channel.ResourceId, channel.ExpiresAt, ct)
                        .ConfigureAwait(false);
                }
                catch (GoogleApiException)
                {
                    continue;
                }
            }

            if (other is { GoogleChannelId: { } id, GoogleResourceId: { } resource })
                await channels.TryStopAsync(settings.UserId, id, resource, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the further calendars' channels (a disconnect); their routing is kept for a reconnect.</summary>
    public async Task StopChannelsAsync(Guid userId, CancellationToken ct)
    {
        foreach (var other in await calendars.ListAsync(userId, ct).ConfigureAwait(false))
        {
            if (other is { GoogleChannelId: { } id, GoogleResourceId: { } resource })
                await channels.TryStopAsync(userId, id, resource, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Queues an outbound push of every live mapped event whose calendar is no longer the one its type goes to;
    /// the push moves it (events.move). Returns how many.</summary>
    private async Task<int> QueueMovesAsync(CalendarRouting routing, CancellationToken ct)
    {
        var userId = routing.Settings.UserId;
        var misplaced = new List<Guid>();
        foreach (var mapping in await mappings.ListAsync(userId, ct).ConfigureAwait(false))
        {
            if (await events.GetAsync(userId, mapping.FinancialEventId, ct).ConfigureAwait(false) is { } local
                && routing.TargetFor(local.EventType) != mapping.GoogleCalendarId)
            {
                misplaced.Add(local.Id);
            }
        }

        return misplaced.Count == 0 ? 0 : await queue.EnqueueToGoogleAsync(userId, misplaced, ct).ConfigureAwait(false);
    }

    private async Task<SyncedCalendar> OpenAsync(CalendarSyncSettings settings, string calendarId, CancellationToken ct)
    {
        var channel = await channels.RegisterAsync(settings, calendarId, ct).ConfigureAwait(false);
        return new SyncedCalendar
        {
            UserId = settings.UserId,
            CalendarId = calendarId,
            GoogleChannelId = channel.Id,
            GoogleResourceId = channel.ResourceId,
            ChannelExpiryAt = channel.ExpiresAt,
        };
    }

    private async Task<string> CreateAsync(GoogleAccount account, string name, List<CalendarListEntry> listed, CancellationToken ct)
    {
        var created = await google.InsertCalendarAsync(account, new GoogleCalendar { Summary = name }, ct).ConfigureAwait(false);
        var id = created.Id ?? throw new GoogleApiException(System.Net.HttpStatusCode.BadGateway, null, "calendars.insert returned no id.");
        listed.Add(new CalendarListEntry { Id = id, Summary = created.Summary ?? name, AccessRole = CalendarListEntry.OwnerRole });
        return id;
    }

    /// <summary>Every check, before any write: known, writable, named once; each event type routed exactly once.</summary>
    private static void Validate(IReadOnlyList<CalendarRoute> requested, IReadOnlyList<CalendarListEntry> listed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<EventType, (int Route, string Name)>();
        for (var index = 0; index < requested.Count; index++)
        {
            var route = requested[index];
            string name;
            if (route.CalendarId is { } id)
            {
                if (route.NewCalendarName is not null) throw Invalid(id, "Give either an existing calendar or a new calendar's name, not both.");
                var entry = Find(listed, id) ?? throw new CalendarChoiceException(CalendarChoiceException.NotFound, id,
                    $"The connected Google account has no calendar '{id}'.");
                if (!entry.IsWritable)
                    throw new CalendarChoiceException(CalendarChoiceException.ReadOnly, id,
                        $"The connected Google account can only read '{entry.Summary ?? id}' (role {entry.AccessRole ?? "none"}); choose a calendar it can write.");
                if (!seen.Add(CalendarChoice.CanonicalId(entry))) throw Invalid(id, $"The calendar '{entry.Summary ?? id}' is listed twice.");
                name = entry.Summary ?? id;
            }
            else
            {
                name = route.NewCalendarName?.Trim() ?? "";
                if (name.Length is 0 or > MaxNameLength)
                    throw Invalid("", $"A new calendar needs a name of 1 to {MaxNameLength} characters.");
            }

            foreach (var type in route.EventTypes)
            {
                if (owner.TryGetValue(type, out var other) && other.Route != index)
                    throw Invalid(route.CalendarId ?? "", $"{Capitalized(Plural(type))} can go to one calendar only, not to both '{other.Name}' and '{name}'.");
                owner[type] = (index, name);
            }
        }

        var missing = Enum.GetValues<EventType>().Where(t => !owner.ContainsKey(t)).ToList();
        if (missing.Count > 0)
            throw Invalid("", $"Choose a calendar for {string.Join(", ", missing.Select(Plural))}.");
    }

    private static CalendarChoiceException Invalid(string calendarId, string message) =>
        new(CalendarChoiceException.RoutingInvalid, calendarId, message);

    /// <summary>The event type in plain words (bills, income, ...), as the UI names them.</summary>
    private static string Plural(EventType type) => type switch
    {
        EventType.Bill => "bills",
        EventType.Income => "income",
        EventType.Expense => "expenses",
        EventType.Transfer => "transfers",
        _ => "reminders",
    };

    private static string Capitalized(string words) => char.ToUpperInvariant(words[0]) + words[1..];

    private static CalendarListEntry? Find(IEnumerable<CalendarListEntry> listed, string calendarId) =>
        listed.FirstOrDefault(c => calendarId == "primary" ? c.Primary == true : string.Equals(c.Id, calendarId, StringComparison.Ordinal));

    private static string Describe(CalendarRouting routing) =>
        "routing: " + string.Join(", ", routing.CalendarIds.Select(id =>
            $"{string.Join("/", routing.TypesOf(id).Order().Select(t => EnumText.ToText(t)))} → '{id}'"));

    private static IReadOnlyList<CalendarOverview> Overview(CalendarRouting routing, IReadOnlyList<CalendarListEntry> listed)
    {
        var settings = routing.Settings;
        return listed.Where(c => c.Id is not null).Select(c =>
            {
                var id = CalendarChoice.CanonicalId(c);
                var isDefault = id == routing.DefaultCalendarId;
                var other = routing.Others.FirstOrDefault(o => o.CalendarId == id);
                var synced = isDefault || other is not null;
                return new CalendarOverview(id, c.Summary ?? c.Id!, c.AccessRole ?? "none", c.Primary == true, c.IsWritable, isDefault, synced,
                    synced ? routing.TypesOf(id).Order().ToList() : [],
                    isDefault ? settings.ImportForeignEvents : other?.ImportForeignEvents ?? false,
                    isDefault ? settings.ChannelExpiryAt : other?.ChannelExpiryAt,
                    isDefault ? settings.LastSyncedAt ?? settings.LastFullSyncAt : other?.LastSyncedAt);
            })
            .OrderByDescending(c => c.Primary).ThenBy(c => c.Summary, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    private async Task<CalendarSyncSettings> RequireConnectedAsync(Guid userId, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(userId, ct).ConfigureAwait(false);
        return settings is { IsConnected: true } ? settings : throw new GoogleAccountNotConnectedException(userId);
    }
}
