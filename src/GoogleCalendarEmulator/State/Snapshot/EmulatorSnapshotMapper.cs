using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Push;

namespace GoogleCalendarEmulator.State.Snapshot;

/// <summary>Copies an <see cref="EmulatorState"/> into an <see cref="EmulatorSnapshot"/> and back. Each account is
/// read under its gate, so a snapshot never holds half of a write.</summary>
internal static class EmulatorSnapshotMapper
{
    public static EmulatorSnapshot Capture(EmulatorState state) => new(
        EmulatorSnapshot.CurrentVersion,
        state.ListTokens.KeyBase64,
        state.CalendarListTokens.KeyBase64,
        [.. state.Accounts.OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase).Select(CaptureAccount)],
        state.OAuth.CaptureGrants(),
        [.. state.Channels.All.Where(c => c.IsActive(state.Time.GetUtcNow())).OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new ChannelSnapshot(c.Id, c.ResourceId, c.ResourceUri, c.Token, c.Address, c.Expiration, c.AccountEmail,
                c.CalendarId, c.MessageNumber))]);

    /// <summary>Replaces the state's contents with the snapshot's (after <see cref="EmulatorState.Reset"/>).</summary>
    public static void Restore(EmulatorState state, EmulatorSnapshot snapshot)
    {
        state.Reset();
        state.RestoreTokenKeys(new ListTokenCodec(Convert.FromBase64String(snapshot.ListTokenKey)),
            new ListTokenCodec(Convert.FromBase64String(snapshot.CalendarListTokenKey)));
        foreach (var saved in snapshot.Accounts)
        {
            var account = state.RestoreAccount(saved.Email);
            lock (account.Gate)
            {
                account.Calendars.Clear();
                account.RestoreCounters(saved.ChangeSequence, saved.CalendarListSequence, saved.SyncEpoch);
                foreach (var calendar in saved.Calendars) account.Calendars[calendar.Id] = RestoreCalendar(calendar);
            }
        }

        state.OAuth.RestoreGrants(snapshot.Grants);
        foreach (var saved in snapshot.Channels)
        {
            var channel = new WatchChannel(saved.Id, saved.ResourceId, saved.ResourceUri, saved.Token, saved.Address, saved.Expiration,
                saved.AccountEmail, saved.CalendarId);
            channel.ResumeNumberingAfter(saved.MessageNumber);
            state.Channels.TryAdd(channel);
        }
    }

    private static AccountSnapshot CaptureAccount(Account account)
    {
        lock (account.Gate)
        {
            return new AccountSnapshot(account.Email, account.ChangeSequence, account.CalendarListSequence, account.SyncEpoch,
                [.. account.Calendars.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(CaptureCalendar)]);
        }
    }

    private static CalendarSnapshot CaptureCalendar(CalendarData calendar) => new(
        calendar.Id, calendar.Summary, calendar.Description, calendar.TimeZone, calendar.Primary, calendar.AccessRole,
        calendar.ResourceId, calendar.Created, GoogleJson.Clone(calendar.List),
        [.. calendar.Events.Values.OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new StoredEventSnapshot(GoogleJson.Clone(e.Resource), e.ChangeSequence, e.Updated, e.Start, e.End))]);

    private static CalendarData RestoreCalendar(CalendarSnapshot saved)
    {
        var calendar = new CalendarData(saved.Id, saved.Summary, saved.TimeZone, saved.Primary, saved.ResourceId, saved.Created, saved.AccessRole)
        {
            Description = saved.Description,
        };
        calendar.List.Hidden = saved.List.Hidden;
        calendar.List.Selected = saved.List.Selected;
        calendar.List.SummaryOverride = saved.List.SummaryOverride;
        calendar.List.Deleted = saved.List.Deleted;
        calendar.List.ChangeSequence = saved.List.ChangeSequence;
        foreach (var e in saved.Events)
            calendar.Events[e.Resource.Id!] = new StoredEvent(e.Resource, e.ChangeSequence, e.Updated, e.Start, e.End);
        return calendar;
    }
}
