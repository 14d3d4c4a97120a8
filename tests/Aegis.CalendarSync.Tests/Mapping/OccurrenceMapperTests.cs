using System.Text.Json;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using static Aegis.CalendarSync.Tests.Mapping.MappingFixtures;

namespace Aegis.CalendarSync.Tests.Mapping;

public sealed class OccurrenceMapperTests
{
    private static readonly FinancialEvent Rent = RentBill() with { Recurrence = "RRULE:FREQ=MONTHLY;COUNT=12" };
    private const string MasterId = "abcdefghij0123456789";
    private readonly OccurrenceMapper _mapper = new(Mapper());

    private static Occurrence Nth(int index, OccurrenceOverride? o = null)
    {
        var generated = SeriesExpansion.OriginalStarts(Rent, DateTimeOffset.MaxValue).ElementAt(index);
        return OccurrenceExpander.Apply(Rent, generated, o);
    }

    private static GoogleEvent Echo(GoogleEvent sent)
    {
        var json = JsonSerializer.Serialize(sent, GoogleJsonContext.Default.GoogleEvent);
        return JsonSerializer.Deserialize(json, GoogleJsonContext.Default.GoogleEvent)! with { Etag = "\"9\"", Updated = Now.AddMinutes(5) };
    }

    [Fact]
    public void All_day_series_is_written_with_dates_and_no_time_zone_and_its_lines_verbatim()
    {
        var g = Mapper().ToGoogleEvent(Rent with { Recurrence = "RRULE:FREQ=MONTHLY;COUNT=12\nEXDATE;VALUE=DATE:20250401" })!;

        Assert.Equal((new DateOnly(2025, 3, 1), (string?)null, (DateTimeOffset?)null), (g.Start!.Date, g.Start.TimeZone, g.Start.DateTime));
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=12", "EXDATE;VALUE=DATE:20250401"], g.Recurrence);
    }

    [Fact]
    public void Instance_ids_are_googles_for_date_based_and_timed_series()
    {
        var timed = BerlinTransferAcrossDst() with { Recurrence = "RRULE:FREQ=DAILY" };

        Assert.Equal($"{MasterId}_20250501", GoogleInstanceId.For(MasterId, Rent, Nth(2).OriginalStart));
        Assert.Equal($"{MasterId}_20250330T003000Z", GoogleInstanceId.For(MasterId, timed, timed.StartAt));
        Assert.Equal(Nth(2).OriginalStart, GoogleInstanceId.OriginalStart(Rent, new EventDateTime { Date = new DateOnly(2025, 5, 1) }));
        Assert.Null(GoogleInstanceId.OriginalStart(Rent, new EventDateTime { DateTime = timed.StartAt }));
        Assert.Equal(timed.StartAt, GoogleInstanceId.OriginalStart(timed, new EventDateTime { DateTime = timed.StartAt, TimeZone = "Europe/Berlin" }));
    }

    [Fact]
    public void Paid_occurrence_shows_the_marker_and_the_private_status_on_its_instance()
    {
        var may = Nth(2, new OccurrenceOverride { UserId = Rent.UserId, FinancialEventId = Rent.Id, OriginalStart = Nth(2).OriginalStart, Status = OccurrenceStatus.Paid });

        var instance = _mapper.ToInstance(Rent, MasterId, may)!;

        Assert.Equal($"{MasterId}_20250501", instance.Id);
        Assert.Equal("✅ 🧾 Rent — 1,200.00 EUR", instance.Summary);
        Assert.Equal("paid", instance.GetPrivateProperty(AegisProperties.Status));
        Assert.Equal(new DateOnly(2025, 5, 1), instance.Start!.Date);
        Assert.Null(instance.Recurrence);
    }

    [Fact]
    public void Skipped_occurrence_has_no_instance_and_hashes_as_cancelled()
    {
        var skipped = Nth(1) with { Status = OccurrenceStatus.Skipped };

        Assert.Null(_mapper.ToInstance(Rent, MasterId, skipped));
        Assert.Equal(OccurrenceMapper.CancelledHash, _mapper.ContentHash(Rent, MasterId, skipped));
    }

    [Fact]
    public void Echo_of_an_instance_maps_back_to_the_same_override()
    {
        var paid = new OccurrenceOverride
        {
            UserId = Rent.UserId, FinancialEventId = Rent.Id, OriginalStart = Nth(2).OriginalStart, Status = OccurrenceStatus.Paid, Amount = 1300m,
        };
        var occurrence = Nth(2, paid);

        var back = _mapper.FromException(Rent, occurrence, Echo(_mapper.ToInstance(Rent, MasterId, occurrence)!), Defaults);

        Assert.Equal((OccurrenceStatus.Paid, (decimal?)1300m, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null, SyncSource.Google),
            (back.Status, back.Amount, back.Title, back.StartAt, back.EndAt, back.SyncSource));
    }

    [Fact]
    public void Occurrence_moved_to_another_date_in_google_moves_only_that_occurrence()
    {
        var march = Nth(0);
        var generated = Echo(_mapper.ToInstance(Rent, MasterId, march)!);
        var moved = generated with
        {
            Start = new EventDateTime { Date = new DateOnly(2025, 3, 5) },
            End = new EventDateTime { Date = new DateOnly(2025, 3, 6) },
            Summary = "🧾 Rent (late) — 1,200.00 EUR",
        };

        var back = _mapper.FromException(Rent, march, moved, Defaults);

        Assert.Equal(new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.Zero), back.StartAt);
        Assert.Null(back.EndAt);
        Assert.Equal("Rent (late)", back.Title);
        Assert.Equal((OccurrenceStatus.Pending, (decimal?)null), (back.Status, back.Amount));
    }
}
