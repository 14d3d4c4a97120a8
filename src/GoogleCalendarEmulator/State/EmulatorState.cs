using System.Collections.Concurrent;
using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Hosting;
using GoogleCalendarEmulator.OAuth;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.Push;
using GoogleCalendarEmulator.Quota;

namespace GoogleCalendarEmulator.State;

/// <summary>All in-memory state of one emulator: accounts and their calendars, OAuth grants, channels, faults and the request log.</summary>
public sealed class EmulatorState
{
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.OrdinalIgnoreCase);

    internal EmulatorState(EmulatorOptions options, NotificationQueue notifications)
    {
        Options = options;
        Notifications = notifications;
        OAuth = new OAuthStore(options);
        Quota = new QuotaLedger(options);
    }

    internal EmulatorOptions Options { get; }
    internal TimeProvider Time => Options.TimeProvider;
    internal OAuthStore OAuth { get; }
    internal FaultInjector Faults { get; } = new();
    internal QuotaLedger Quota { get; }
    internal RequestLog Requests { get; } = new();
    internal ChannelRegistry Channels { get; } = new();
    internal NotificationQueue Notifications { get; }
    internal ListTokenCodec ListTokens { get; private set; } = new();

    /// <summary>Signs calendarList tokens, apart from events tokens so neither passes for the other.</summary>
    internal ListTokenCodec CalendarListTokens { get; private set; } = new();

    /// <summary>Creates the account (with its primary calendar, id = email) on first use.</summary>
    public void EnsureAccount(string email) => GetOrCreateAccount(email);

    /// <summary>Issues tokens for the account without the browser flow.</summary>
    public TokenResponse IssueTokens(string email)
    {
        GetOrCreateAccount(email);
        return OAuth.IssueDirect(email);
    }

    /// <summary>Number of Calendar/OAuth calls per operation name, e.g. "events.insert".</summary>
    public IReadOnlyDictionary<string, int> RequestCounts() => Requests.Counts();

    /// <summary>Forgets every account, token, channel, fault, quota window and log entry; outstanding sync and page tokens become invalid.</summary>
    public void Reset()
    {
        _accounts.Clear();
        OAuth.Clear();
        Faults.Clear();
        Requests.Clear();
        Quota.Clear();
        Channels.Clear();
        Notifications.SetBehavior(new NotificationBehavior(NotificationMode.Normal));
        ListTokens = new ListTokenCodec();
        CalendarListTokens = new ListTokenCodec();
    }

    internal Account GetOrCreateAccount(string email) =>
        _accounts.GetOrAdd(email.Trim(), static (key, state) => state.NewAccount(key), this);

    internal Account RestoreAccount(string email) => GetOrCreateAccount(email);

    internal void RestoreTokenKeys(ListTokenCodec events, ListTokenCodec calendarList)
    {
        ListTokens = events;
        CalendarListTokens = calendarList;
    }

    internal Account? FindAccount(string email) => _accounts.GetValueOrDefault(email);

    internal IEnumerable<Account> Accounts => _accounts.Values;

    private Account NewAccount(string email)
    {
        var account = new Account(email);
        var primary = new CalendarData(email, email, "UTC", primary: true, ListTokenCodec.NewResourceId(), Time.GetUtcNow());
        account.Calendars[primary.Id] = primary;
        return account;
    }
}
