using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Maps financial events to Google events and applies Google-side edits back.</summary>
/// <remarks>Outbound: summary per <see cref="SummaryFormat"/>, description per <see cref="DescriptionFormat"/>,
/// bills and all-day events as all-day events on the due date in the event's zone (end exclusive), timed events as
/// dateTime + IANA timeZone (an all-day series carries no timeZone, which Google does not need for dates), colour per
/// <see cref="EventColors"/>, the recurrence lines (RRULE/EXRULE/RDATE/EXDATE) verbatim, financial fields in
/// <see cref="AegisProperties"/>. Inbound: title, description, location, time and every recurrence line flow back
/// verbatim (an EXDATE added in Google is kept); amount, currency, type, status and category come from the private
/// properties, except that an amount a person edited in the summary (<see cref="SummaryFormat.Parse"/>) wins over
/// the property. Occurrences of a series are mapped by <see cref="OccurrenceMapper"/>.</remarks>
public sealed class FinancialEventMapper(TimeProvider time)
{
    public const string UntitledTitle = "(untitled)";

    /// <summary>The Google event for <paramref name="e"/>, or null when it must not exist in Google (status
    /// cancelled or soft-deleted): the engine deletes the Google event then.</summary>
    /// <param name="googleEventId">The mapped Google id; defaults to the deterministic id of <paramref name="e"/>.</param>
    public GoogleEvent? ToGoogleEvent(FinancialEvent e, string? googleEventId = null)
    {
        if (e.Status == EventStatus.Cancelled || e.DeletedAt is not null)
        {
            return null;
        }

        var (start, end) = ToGoogleTimes(e);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AegisProperties.EventId] = e.Id.ToString("D"),
            // Canonical digits (no trailing zeros): the stores keep different scales (990, 990.0, 990.0000), and the
            // content hash must not see a change where there is none.
            [AegisProperties.Amount] = e.Amount.ToString("0.############################", CultureInfo.InvariantCulture),
            [AegisProperties.Currency] = e.Currency,
            [AegisProperties.Type] = LowerName(e.EventType),
            [AegisProperties.Status] = LowerName(e.Status),
        };
        if (e.Category is not null)
        {
            properties[AegisProperties.Category] = e.Category;
        }

        return new GoogleEvent
        {
            Id = googleEventId ?? GoogleEventId.FromFinancialEventId(e.Id),
            Status = GoogleEvent.StatusConfirmed,
            Summary = SummaryFormat.Format(e.Title, e.EventType, e.Amount, e.Currency),
            Description = DescriptionFormat.Format(e.Description),
            Location = e.Location,
            ColorId = EventColors.For(e.EventType, e.Status),
            Start = start,
            End = end,
            Recurrence = RecurrenceLines.Split(e.Recurrence) is { Count: > 0 } lines ? lines : null,
            // Money reminders should not mark the user busy in free/busy lookups.
            Transparency = "transparent",
            ExtendedProperties = new EventExtendedProperties { Private = properties },
        };
    }

    /// <summary><see cref="EventContentHash"/> of what <see cref="ToGoogleEvent"/> sends; null when nothing is sent.</summary>
    public string? ContentHash(FinancialEvent e) => ToGoogleEvent(e) is { } g ? EventContentHash.Compute(g) : null;

    /// <summary>Applies a (non-cancelled) Google event to <paramref name="existing"/>, or imports it as a new
    /// financial event when <paramref name="existing"/> is null. Fields Google still holds exactly as Aegis would
    /// write them keep their local value (so an echo changes nothing); the result has SyncSource Google, or Aegis when
    /// Google's copy must be rewritten (an amount edited in, or garbled in, the summary).</summary>
    /// <exception cref="ArgumentException">The event is cancelled (a deletion, not an edit) or has no start.</exception>
    public FinancialEvent ApplyGoogleChanges(FinancialEvent? existing, GoogleEvent g, GoogleImportDefaults defaults)
    {
        if (g.IsCancelled)
        {
            throw new ArgumentException("A cancelled Google event is a deletion; it has no content to apply.", nameof(g));
        }

        if (g.Start is null)
        {
            throw new ArgumentException($"Google event {g.Id} has no start.", nameof(g));
        }

        var ours = existing is null ? null : ToGoogleEvent(existing, g.Id);
        var type = ParseEnum<EventType>(g.GetPrivateProperty(AegisProperties.Type)) ?? existing?.EventType ?? defaults.EventType;
        var status = ParseEnum<EventStatus>(g.GetPrivateProperty(AegisProperties.Status)) ?? existing?.Status ?? EventStatus.Pending;
        var amount = ParseAmount(g.GetPrivateProperty(AegisProperties.Amount)) ?? existing?.Amount ?? 0m;
        var currency = g.GetPrivateProperty(AegisProperties.Currency) ?? existing?.Currency ?? defaults.Currency;
        var category = g.ExtendedProperties?.Private is not null ? g.GetPrivateProperty(AegisProperties.Category) : existing?.Category;

        var summary = existing is not null && IsAsWritten(g, existing, type, amount, currency) ? null : ParseSummary(g.Summary, type, amount, currency);
        var title = summary is null ? existing!.Title : summary.Title.Length == 0 ? UntitledTitle : summary.Title;
        // Google must be told when its copy no longer says what the wallet now holds: an amount read from the summary
        // (its private property is stale) or an amount part that could not be read (Google shows a wrong amount).
        var tellGoogle = summary is { Amount: { } read } && read != amount || summary?.Problem is not null;
        amount = summary?.Amount ?? amount;
        var description = existing is not null && g.Description == ours?.Description
            ? existing.Description
            : DescriptionFormat.Extract(g.Description);

        var (zoneId, zone) = ResolveZone(g.Start.TimeZone, existing?.TimeZone, defaults.TimeZone);
        var (startAt, endAt, allDay) = existing is not null && SameTimes(ours, g)
            ? (existing.StartAt, existing.EndAt, existing.AllDay)
            : FromGoogleTimes(g.Start, g.End, zone);

        var now = time.GetUtcNow();
        return new FinancialEvent
        {
            Id = existing?.Id ?? ImportedEventId(defaults.UserId, g),
            UserId = existing?.UserId ?? defaults.UserId,
            Title = title,
            Description = description,
            Amount = amount,
            Currency = currency,
            EventType = type,
            Status = status,
            StartAt = startAt,
            EndAt = endAt,
            AllDay = allDay,
            TimeZone = zoneId,
            Recurrence = RecurrenceLines.Join(g.Recurrence),
            Category = category,
            Location = g.Location,
            CreatedAt = existing?.CreatedAt ?? g.Created ?? now,
            UpdatedAt = g.Updated ?? now,
            DeletedAt = existing?.DeletedAt,
            // Aegis-sourced, the write enqueues the push of the wallet's rendering (see tellGoogle).
            SyncSource = tellGoogle ? SyncSource.Aegis : SyncSource.Google,
        };
    }

    /// <summary>The event was written by Aegis: it carries the private Aegis id property every write sets (an id
    /// alone proves nothing: Google's own ids have the same shape). Any other event was created by a person or
    /// another app in Google.</summary>
    public static bool IsWrittenByAegis(GoogleEvent g) => Guid.TryParse(g.GetPrivateProperty(AegisProperties.EventId), out _);

    /// <summary>Id for an event created in Google: the Aegis id it carries (mapping row lost), else a name-based
    /// UUID (version 8) of user and Google id, so importing the same Google event twice yields the same id.</summary>
    public static Guid ImportedEventId(Guid userId, GoogleEvent g)
    {
        if (Guid.TryParse(g.GetPrivateProperty(AegisProperties.EventId), out var aegisId))
        {
            return aegisId;
        }

        if (GoogleEventId.TryParseFinancialEventId(g.Id, out var fromId))
        {
            return fromId.Value;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"aegis-google-import/{userId:N}/{g.Id}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The first candidate IANA id known on this machine (Google's, then the local one, then the default).</summary>
    private static (string Id, TimeZoneInfo Zone) ResolveZone(params string?[] candidates)
    {
        foreach (var id in candidates)
        {
            if (ZonedDates.Find(id) is { } zone)
            {
                return (id!, zone);
            }
        }

        return ("UTC", TimeZoneInfo.Utc);
    }

    private static (EventDateTime Start, EventDateTime End) ToGoogleTimes(FinancialEvent e)
    {
        var zone = ZonedDates.Find(e.TimeZone) ?? TimeZoneInfo.Utc;
        if (e.AllDay || e.EventType == EventType.Bill)
        {
            var startDate = ZonedDates.LocalDate(e.StartAt, zone);
            var endDate = e.EventType == EventType.Bill ? startDate.AddDays(1) : ZonedDates.ExclusiveEndDate(e.EndAt, zone);
            return (new EventDateTime { Date = startDate }, new EventDateTime { Date = endDate > startDate ? endDate : startDate.AddDays(1) });
        }

        var end = e.EndAt > e.StartAt ? e.EndAt : e.StartAt;
        return (
            new EventDateTime { DateTime = TimeZoneInfo.ConvertTime(e.StartAt, zone), TimeZone = e.TimeZone },
            new EventDateTime { DateTime = TimeZoneInfo.ConvertTime(end, zone), TimeZone = e.TimeZone });
    }

    private static (DateTimeOffset StartAt, DateTimeOffset EndAt, bool AllDay) FromGoogleTimes(EventDateTime start, EventDateTime? end, TimeZoneInfo zone)
    {
        if (start.Date is { } startDate)
        {
            var endDate = end?.Date is { } d && d > startDate ? d : startDate.AddDays(1);
            return (ZonedDates.StartOfDay(startDate, zone), ZonedDates.StartOfDay(endDate, zone), true);
        }

        var startAt = start.DateTime ?? throw new ArgumentException("Google event start has neither date nor dateTime.");
        var endAt = end?.DateTime is { } e && e >= startAt ? e : startAt;
        return (TimeZoneInfo.ConvertTime(startAt, zone), TimeZoneInfo.ConvertTime(endAt, zone), false);
    }

    /// <summary>Same dates, or same instants and zone, as Aegis would write: the event was not moved in Google.</summary>
    private static bool SameTimes(GoogleEvent? ours, GoogleEvent g) =>
        ours is not null && SameTime(ours.Start, g.Start) && SameTime(ours.End, g.End);

    private static bool SameTime(EventDateTime? a, EventDateTime? b) =>
        a?.Date == b?.Date && a?.DateTime == b?.DateTime && (a?.Date is not null || a?.TimeZone == b?.TimeZone);

    /// <summary>Why the amount part of <paramref name="g"/>'s summary, edited in Google, could not be read back (the
    /// amount was kept); null when it was read, untouched or absent.</summary>
    public string? SummaryProblem(FinancialEvent? existing, GoogleEvent g)
    {
        if (g.IsCancelled || existing is null)
        {
            return null;
        }

        var type = ParseEnum<EventType>(g.GetPrivateProperty(AegisProperties.Type)) ?? existing.EventType;
        var amount = ParseAmount(g.GetPrivateProperty(AegisProperties.Amount)) ?? existing.Amount;
        var currency = g.GetPrivateProperty(AegisProperties.Currency) ?? existing.Currency;
        return IsAsWritten(g, existing, type, amount, currency) ? null : ParseSummary(g.Summary, type, amount, currency).Problem;
    }

    /// <summary>Google's summary is the one Aegis wrote with the financial fields Google itself stores (its private
    /// properties, else <paramref name="existing"/>'s): nobody edited it. Compared against Google's own stored amount,
    /// not the wallet's current one, so a summary whose amount a person changed is read as that change even when the
    /// wallet already holds the new amount (a "Keep Google version" before its write-back reached Google) while the
    /// stored amount still says the old one: the two sources never disagree silently.</summary>
    private static bool IsAsWritten(GoogleEvent g, FinancialEvent existing, EventType type, decimal amount, string currency) =>
        g.Summary == SummaryFormat.Format(existing.Title, type, amount, currency);

    internal static SummaryParse ParseSummary(string? summary, EventType type, decimal amount, string currency) =>
        string.IsNullOrWhiteSpace(summary) ? new SummaryParse("", null, null) : SummaryFormat.Parse(summary, type, amount, currency);

    internal static decimal? ParseAmount(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    internal static T? ParseEnum<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    private static string LowerName<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
