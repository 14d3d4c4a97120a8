using System.Net;
using System.Text.Json;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Push;
using Microsoft.Extensions.DependencyInjection;
using EmulatorEvent = GoogleCalendarEmulator.Calendar.Model.CalendarEvent;
using EmulatorTime = GoogleCalendarEmulator.Calendar.Model.EventDateTime;

namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>Runs one interleaving against the real engine: a fresh wallet user connected to an emptied emulator
/// account, each step applied as a person (wallet stores, the emulator's person routes) or as the engine's turn
/// (push delivery through <see cref="EngineWebhook"/>, the real queue processor), and the shared clock moved one second
/// after every step, so every person's write has its own instant on one timeline and which write is the last is
/// decided by the sequence, never by scheduling. Records every write for <see cref="ConvergenceChecks"/>.</summary>
internal sealed class ConvergenceCase(SyncHarness h, TestClock clock)
{
    public const string Calendar = "primary";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan StepTime = TimeSpan.FromSeconds(1);
    private readonly List<string> _log = [];
    private int _stepNumber;

    public List<TrackedEvent> Events { get; } = [];
    public DateOnly FirstDay { get; private set; }
    public IReadOnlyList<string> Log => _log;

    private FinancialEventMapper Mapper => h.Services.GetRequiredService<FinancialEventMapper>();
    private IOccurrenceStore Occurrences => h.Services.GetRequiredService<IOccurrenceStore>();

    public async Task StartAsync()
    {
        await h.Admin.ResetAsync(Ct);
        await h.CreateUserAsync($"case-{Guid.NewGuid():N}@example.com", Ct);
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, Ct);
        FirstDay = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(3);
    }

    public async Task RunAsync(IReadOnlyList<ConvergenceStep> steps)
    {
        foreach (var step in steps)
        {
            _stepNumber++;
            var outcome = await ApplyAsync(step);
            _log.Add($"{_stepNumber,3}. {step} -> {outcome}");
            clock.Advance(StepTime);
        }
    }

    /// <summary>The engine's turn: every push queued so far is delivered, then the queue runs until nothing is due.</summary>
    public async Task DeliverAndDrainAsync()
    {
        await h.Admin.FlushNotificationsAsync(Ct);
        await h.DrainQueueAsync(Ct);
    }

    private async Task<string> ApplyAsync(ConvergenceStep step)
    {
        try
        {
            return step switch
            {
                WalletCreate s => await WalletCreateAsync(s),
                WalletEdit s => await WalletEditAsync(s),
                WalletDelete s => await WalletDeleteAsync(s),
                WalletOccurrenceEdit s => await WalletOccurrenceAsync(s),
                GoogleCreate s => await GoogleCreateAsync(s),
                GoogleEdit s => await GoogleEditAsync(s),
                GoogleDelete s => await GoogleDeleteAsync(s),
                GoogleOccurrenceEdit s => await GoogleOccurrenceAsync(s),
                InjectFault s => await InjectAsync(s),
                DeliverPushes => await EngineTurnAsync(poll: false),
                PollGoogle => await EngineTurnAsync(poll: true),
                _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
            };
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // The person acted on something Google no longer shows (deleted, or an occurrence that is gone): nothing happened.
            return $"nothing: {(int)ex.StatusCode!} in Google";
        }
    }

    private async Task<string> EngineTurnAsync(bool poll)
    {
        await h.Admin.FlushNotificationsAsync(Ct);
        if (poll)
        {
            await h.Queue.EnqueueFromGoogleAsync(h.UserId, QueueAction.IncrementalSync, Ct);
        }

        var items = await h.DrainQueueAsync(Ct);
        return $"{items} item(s) processed";
    }

    private async Task<string> WalletCreateAsync(WalletCreate s)
    {
        if (Events.Count >= ConvergenceGenerators.MaxCreates)
        {
            return "nothing: enough events";
        }

        var day = FirstDay.AddDays(s.Day);
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var e = new FinancialEvent
        {
            Id = Guid.NewGuid(),
            UserId = h.UserId,
            Title = $"W{_stepNumber}",
            Amount = 40m + s.Day,
            Currency = "EUR",
            EventType = s.Shape == EventShape.TimedIncome ? EventType.Income : EventType.Bill,
            Status = EventStatus.Pending,
            StartAt = s.Shape == EventShape.TimedIncome ? midnight.AddHours(9) : midnight,
            EndAt = s.Shape == EventShape.TimedIncome ? midnight.AddHours(10) : midnight.AddDays(1),
            AllDay = s.Shape != EventShape.TimedIncome,
            TimeZone = s.Shape == EventShape.TimedIncome ? "Europe/Lisbon" : "UTC",
            Recurrence = s.Shape == EventShape.MonthlySeries ? "RRULE:FREQ=MONTHLY;COUNT=6" : null,
            SyncSource = SyncSource.Aegis,
        };
        await h.Events.InsertAsync(e, Ct);
        var stored = (await h.Events.GetAsync(h.UserId, e.Id, Ct))!;
        var tracked = new TrackedEvent(e.Id, GoogleEventId.FromFinancialEventId(e.Id), s.Shape, day);
        Events.Add(tracked);
        tracked.Writes.Add(new(stored.UpdatedAt, Side.Wallet, EventContent.Of(stored), $"step {_stepNumber}"));
        return $"wallet event #{Events.Count - 1} {EventContent.Of(stored)}";
    }

    private async Task<string> WalletEditAsync(WalletEdit s)
    {
        if (await LiveInWalletAsync(s.Target) is not var (tracked, local))
        {
            return "nothing: no live wallet event";
        }

        FinancialEvent? edited = s.Change switch
        {
            EventChange.Title => local with { Title = $"W{_stepNumber}" },
            EventChange.Amount => local with { Amount = 10m + s.Value + _stepNumber },
            EventChange.Move when !tracked.IsSeries => local with { StartAt = local.StartAt.AddDays(s.Value + 1), EndAt = local.EndAt.AddDays(s.Value + 1) },
            EventChange.Paid when !tracked.IsSeries => local with { Status = local.Status == EventStatus.Paid ? EventStatus.Pending : EventStatus.Paid },
            _ => null,
        };
        if (edited is null)
        {
            return "nothing: a series keeps its dates, and its months are paid one by one";
        }

        Assert.True(await h.Events.UpdateAsync(edited with { SyncSource = SyncSource.Aegis }, Ct));
        var stored = (await h.Events.GetAsync(h.UserId, local.Id, Ct))!;
        tracked.Writes.Add(new(stored.UpdatedAt, Side.Wallet, EventContent.Of(stored), $"step {_stepNumber}"));
        return $"#{Events.IndexOf(tracked)} now {EventContent.Of(stored)}";
    }

    private async Task<string> WalletDeleteAsync(WalletDelete s)
    {
        if (await LiveInWalletAsync(s.Target) is not var (tracked, local))
        {
            return "nothing: no live wallet event";
        }

        Assert.True(await h.Events.SoftDeleteAsync(h.UserId, local.Id, SyncSource.Aegis, clock.GetUtcNow(), Ct));
        var stored = (await h.Events.GetAsync(h.UserId, local.Id, Ct, includeDeleted: true))!;
        tracked.Writes.Add(new(stored.UpdatedAt, Side.Wallet, null, $"step {_stepNumber}"));
        return $"#{Events.IndexOf(tracked)} deleted in the wallet";
    }

    private async Task<string> WalletOccurrenceAsync(WalletOccurrenceEdit s)
    {
        if (await LiveInWalletAsync(s.Target) is not var (tracked, series) || !tracked.IsSeries)
        {
            return "nothing: no live wallet series";
        }

        var overrides = await Occurrences.ListAsync(h.UserId, series.Id, Ct);
        var occurrence = OccurrenceExpander.Find(series, overrides,
            new DateTimeOffset(tracked.OccurrenceDay(s.Index).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (occurrence is null)
        {
            return "nothing: no such occurrence";
        }

        var current = await Occurrences.GetAsync(h.UserId, series.Id, occurrence.OriginalStart, Ct)
            ?? new OccurrenceOverride { UserId = h.UserId, FinancialEventId = series.Id, OriginalStart = occurrence.OriginalStart };
        var changed = s.Change switch
        {
            WalletOccurrenceChange.Paid => current with { Status = occurrence.Status == OccurrenceStatus.Paid ? OccurrenceStatus.Pending : OccurrenceStatus.Paid },
            WalletOccurrenceChange.Skip => current with { Status = occurrence.Status == OccurrenceStatus.Skipped ? OccurrenceStatus.Pending : OccurrenceStatus.Skipped },
            _ => current with { Status = occurrence.Status, Amount = 100m + s.Value + _stepNumber },
        };
        Assert.True(await Occurrences.UpsertAsync(changed with { SyncSource = SyncSource.Aegis }, Ct));
        var stored = (await Occurrences.GetAsync(h.UserId, series.Id, occurrence.OriginalStart, Ct))!;
        Record(tracked, s.Index, new(stored.UpdatedAt, Side.Wallet, stored.Status, $"step {_stepNumber}"));
        return $"#{Events.IndexOf(tracked)} occurrence {s.Index} {stored.Status}{(stored.Amount is { } a ? $" {a:0.##}" : "")}";
    }

    private async Task<string> GoogleCreateAsync(GoogleCreate s)
    {
        if (Events.Count >= ConvergenceGenerators.MaxCreates)
        {
            return "nothing: enough events";
        }

        var day = FirstDay.AddDays(s.Day);
        var made = ToEngine(await h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, Calendar, new EmulatorEvent
        {
            Summary = $"G{_stepNumber}",
            Start = new EmulatorTime { Date = day.ToString("yyyy-MM-dd") },
            End = new EmulatorTime { Date = day.AddDays(1).ToString("yyyy-MM-dd") },
        }, Ct));
        var tracked = new TrackedEvent(FinancialEventMapper.ImportedEventId(h.UserId, made), made.Id!, EventShape.AllDayBill, day);
        Events.Add(tracked);
        tracked.Writes.Add(new(made.Updated!.Value, Side.Google, EventContent.Of(made, Mapper), $"step {_stepNumber}"));
        return $"google event #{Events.Count - 1} {EventContent.Of(made, Mapper)}";
    }

    private async Task<string> GoogleEditAsync(GoogleEdit s)
    {
        if (await LiveInGoogleAsync(s.Target) is not var (tracked, remote))
        {
            return "nothing: no live Google event";
        }

        var content = EventContent.Of(remote, Mapper);
        object? patch = s.Change switch
        {
            EventChange.Title => new { summary = $"G{_stepNumber}" },
            EventChange.Amount => new { summary = $"{content.Title} — {SummaryFormat.FormatAmount(20m + s.Value + _stepNumber)} {content.Currency}" },
            EventChange.Move when !tracked.IsSeries => MovePatch(remote, s.Value + 1),
            _ => null,
        };
        if (patch is null)
        {
            return "nothing: not something a person changes in Google";
        }

        var edited = ToEngine(await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, Calendar, tracked.GoogleId, patch, Ct));
        tracked.Writes.Add(new(edited.Updated!.Value, Side.Google, EventContent.Of(edited, Mapper), $"step {_stepNumber}"));
        return $"#{Events.IndexOf(tracked)} now in Google {EventContent.Of(edited, Mapper)}";
    }

    private async Task<string> GoogleDeleteAsync(GoogleDelete s)
    {
        if (await LiveInGoogleAsync(s.Target) is not var (tracked, _))
        {
            return "nothing: no live Google event";
        }

        await h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, Calendar, tracked.GoogleId, Ct);
        // The tombstone's updated is this instant of the shared clock (nothing else writes before the step ends).
        tracked.Writes.Add(new(clock.GetUtcNow(), Side.Google, null, $"step {_stepNumber}"));
        return $"#{Events.IndexOf(tracked)} deleted in Google";
    }

    private async Task<string> GoogleOccurrenceAsync(GoogleOccurrenceEdit s)
    {
        if (await LiveInGoogleAsync(s.Target) is not var (tracked, _) || !tracked.IsSeries)
        {
            return "nothing: no live Google series";
        }

        var instanceId = $"{tracked.GoogleId}_{tracked.OccurrenceDay(s.Index):yyyyMMdd}";
        if (s.Change == GoogleOccurrenceChange.Delete)
        {
            await h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, Calendar, instanceId, Ct);
            Record(tracked, s.Index, new(clock.GetUtcNow(), Side.Google, OccurrenceStatus.Skipped, $"step {_stepNumber}"));
            return $"#{Events.IndexOf(tracked)} occurrence {s.Index} deleted in Google";
        }

        var edited = ToEngine(await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, Calendar, instanceId,
            new { summary = $"G{_stepNumber} (this month)" }, Ct));
        var status = edited.GetPrivateProperty(AegisProperties.Status) == "paid" ? OccurrenceStatus.Paid : OccurrenceStatus.Pending;
        Record(tracked, s.Index, new(edited.Updated!.Value, Side.Google, status, $"step {_stepNumber}"));
        return $"#{Events.IndexOf(tracked)} occurrence {s.Index} renamed in Google ({status})";
    }

    private async Task<string> InjectAsync(InjectFault s)
    {
        switch (s.Kind)
        {
            case FaultKind.ServerError:
                await h.Admin.InjectFaultAsync(new FaultRule(s.Count, 503, "backendError", PathContains: "/calendar/v3/"), Ct);
                break;
            case FaultKind.LostResponse:
                // Carried out, the answer held past the client's attempt timeout: one per step, they cost real time.
                await h.Admin.LoseResponsesAsync(new LostResponseRule(1, 5_000, PathContains: "/calendar/v3/"), Ct);
                break;
            case FaultKind.SyncTokenGone:
                await h.Admin.InvalidateSyncTokensAsync(SyncHarness.Email, Ct);
                break;
            case FaultKind.DropPushes:
                await h.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop, s.Count), Ct);
                break;
            case FaultKind.DuplicatePushes:
                await h.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Duplicate, s.Count), Ct);
                break;
            case FaultKind.DelayPushes:
                await h.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Delay, s.Count, 20), Ct);
                break;
        }

        return "armed";
    }

    private static void Record(TrackedEvent tracked, int index, RecordedWrite<OccurrenceStatus> write)
    {
        if (!tracked.OccurrenceWrites.TryGetValue(index, out var writes))
        {
            tracked.OccurrenceWrites[index] = writes = [];
        }

        writes.Add(write);
    }

    private async Task<(TrackedEvent, FinancialEvent)?> LiveInWalletAsync(int target)
    {
        if (Events.Count == 0)
        {
            return null;
        }

        var tracked = Events[target % Events.Count];
        return await h.Events.GetAsync(h.UserId, tracked.WalletId, Ct) is { } local ? (tracked, local) : null;
    }

    private async Task<(TrackedEvent, GoogleEvent)?> LiveInGoogleAsync(int target)
    {
        if (Events.Count == 0)
        {
            return null;
        }

        var tracked = Events[target % Events.Count];
        var live = await h.Admin.ListEventsAsPersonAsync(SyncHarness.Email, Calendar, Ct);
        return live.Items.FirstOrDefault(e => e.Id == tracked.GoogleId) is { } remote ? (tracked, ToEngine(remote)) : null;
    }

    private static object MovePatch(GoogleEvent remote, int days) => remote.Start!.Date is { } date
        ? new
        {
            start = new { date = date.AddDays(days).ToString("yyyy-MM-dd") },
            end = new { date = remote.End!.Date!.Value.AddDays(days).ToString("yyyy-MM-dd") },
        }
        : new
        {
            start = new { dateTime = remote.Start.DateTime!.Value.AddDays(days).ToString("O"), timeZone = remote.Start.TimeZone },
            end = new { dateTime = remote.End!.DateTime!.Value.AddDays(days).ToString("O"), timeZone = remote.End.TimeZone },
        };

    /// <summary>An emulator resource in the engine's model, through Google's JSON.</summary>
    public static GoogleEvent ToEngine(EmulatorEvent e) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(e, GoogleJson.Options), GoogleJsonContext.Default.GoogleEvent)!;
}
