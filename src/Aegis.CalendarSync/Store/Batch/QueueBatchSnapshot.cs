using System.Collections.Concurrent;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store.Batch;

/// <summary>What a claimed batch's outbound items read, loaded with one query per table (settings and synced calendars of the batch's users,
/// its events including soft-deleted ones, their mappings, which of them have dead letters). An entry is present
/// (possibly null: no row) for every key the load covered; a write through a store during the batch forgets the
/// entry, so later reads of it go to the database again. Thread-safe: a batch's items run in parallel.</summary>
internal sealed class QueueBatchSnapshot
{
    private readonly ConcurrentDictionary<Guid, CalendarSyncSettings?> _settings = new();
    private readonly ConcurrentDictionary<(Guid User, Guid Event), FinancialEvent?> _events = new();
    private readonly ConcurrentDictionary<(Guid User, Guid Event), CalendarSyncMapping?> _mappings = new();
    private readonly ConcurrentDictionary<(Guid User, Guid Event), bool> _deadLetters = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<SyncedCalendar>> _calendars = new();

    public QueueBatchSnapshot(IEnumerable<Guid> users, IEnumerable<(Guid User, Guid Event)> keys,
        IEnumerable<CalendarSyncSettings> settings, IEnumerable<FinancialEvent> events, IEnumerable<CalendarSyncMapping> mappings,
        IEnumerable<(Guid User, Guid Event)> withDeadLetters, IEnumerable<SyncedCalendar> calendars)
    {
        var calendarsByUser = calendars.ToLookup(c => c.UserId);
        var keyList = keys.ToList();
        foreach (var user in users)
        {
            _settings[user] = null;
            _calendars[user] = [.. calendarsByUser[user].OrderBy(c => c.CalendarId, StringComparer.Ordinal)];
        }
        foreach (var key in keyList)
        {
            _events[key] = null;
            _mappings[key] = null;
            _deadLetters[key] = false;
        }

        foreach (var s in settings.Where(s => _settings.ContainsKey(s.UserId))) _settings[s.UserId] = s;
        foreach (var e in events.Where(e => _events.ContainsKey((e.UserId, e.Id)))) _events[(e.UserId, e.Id)] = e;
        foreach (var m in mappings.Where(m => _mappings.ContainsKey((m.UserId, m.FinancialEventId)))) _mappings[(m.UserId, m.FinancialEventId)] = m;
        foreach (var key in withDeadLetters.Where(_deadLetters.ContainsKey)) _deadLetters[key] = true;
    }

    public bool TryGetSettings(Guid userId, out CalendarSyncSettings? settings) => _settings.TryGetValue(userId, out settings);

    public bool TryGetEvent(Guid userId, Guid id, out FinancialEvent? financialEvent) => _events.TryGetValue((userId, id), out financialEvent);

    public bool TryGetMapping(Guid userId, Guid financialEventId, out CalendarSyncMapping? mapping) =>
        _mappings.TryGetValue((userId, financialEventId), out mapping);

    /// <summary>False when the load found no failed item of the event (so closing its dead letters has nothing to do);
    /// true when it found some or the event was not loaded.</summary>
    public bool MayHaveDeadLetters(Guid userId, Guid financialEventId) =>
        !_deadLetters.TryGetValue((userId, financialEventId), out var any) || any;

    /// <summary>The user's synced calendars (the routing of event types), ordered by calendar id as the store lists them.</summary>
    public bool TryGetCalendars(Guid userId, out IReadOnlyList<SyncedCalendar> calendars) =>
        _calendars.TryGetValue(userId, out calendars!);

    public void ForgetCalendars(Guid userId) => _calendars.TryRemove(userId, out _);

    public void ForgetSettings(Guid userId) => _settings.TryRemove(userId, out _);

    public void ForgetEvent(Guid userId, Guid id) => _events.TryRemove((userId, id), out _);

    /// <summary>The event's dead letters are being closed: later calls of the batch have none to close.</summary>
    public void ClearDeadLetters(Guid userId, Guid financialEventId) => _deadLetters[(userId, financialEventId)] = false;
}
