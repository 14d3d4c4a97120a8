using System.Text;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Model;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>The writer's RFC 5545 output, read back by Ical.Net from the text.</summary>
public sealed class CalendarFeedWriterTests
{
    private static readonly CalendarFeedWriter Writer = new(NullLogger<CalendarFeedWriter>.Instance);

    [Fact]
    public void Occurrences_read_back_by_Ical_Net_equal_the_wallets_expansion_over_a_year_with_DST_changes_and_overrides()
    {
        var events = FeedSamples.All();

        var parsed = IcalNetFeedReader.Occurrences(Writer.Write(events), FeedSamples.From, FeedSamples.To);

        var expected = FeedOccurrenceView.Expected(events, FeedSamples.From, FeedSamples.To);
        Assert.Equal(expected, parsed);
        // The sample really spans what it claims: 51 Berlin Mondays (52 minus the skipped one), 12 month-ends, ...
        Assert.Equal(51, expected.Count(v => v.Uid == FeedSamples.BerlinWeekly.Id.ToString("D")));
        Assert.Equal(12, expected.Count(v => v.Uid == FeedSamples.NewYorkRent.Id.ToString("D")));
        Assert.Equal(20, expected.Count(v => v.Uid == FeedSamples.NewYorkSalary.Id.ToString("D")));
        Assert.Equal(11, expected.Count(v => v.Uid == FeedSamples.SydneyTransfer.Id.ToString("D")));
    }

    [Fact]
    public void Weekly_Berlin_series_keeps_its_wall_clock_time_across_both_DST_changes()
    {
        var berlin = FeedSamples.BerlinWeekly.Id.ToString("D");

        var parsed = IcalNetFeedReader.Occurrences(Writer.Write(FeedSamples.All()), FeedSamples.From, FeedSamples.To)
            .Where(v => v.Uid == berlin).ToList();

        Assert.Contains(parsed, v => v.Start == "2026-03-23T08:00:00Z"); // CET, UTC+1
        Assert.DoesNotContain(parsed, v => v.Start == "2026-03-30T07:00:00Z"); // first CEST Monday: skipped
        Assert.Contains(parsed, v => v.Start == "2026-04-06T07:00:00Z"); // CEST, UTC+2
        Assert.Contains(parsed, v => v.Start == "2026-10-19T07:00:00Z");
        Assert.DoesNotContain(parsed, v => v.Start == "2026-10-26T08:00:00Z"); // moved ...
        Assert.Contains(parsed, v => v.Start == "2026-10-27T10:00:00Z" && v.End == "2026-10-27T10:30:00Z" && v.Summary.Contains("(moved)"));
        Assert.Contains(parsed, v => v.Start == "2026-11-02T08:00:00Z"); // CET again
        Assert.Contains(parsed, v => v.Start == "2026-06-01T07:00:00Z" && v.Summary.EndsWith("31.50 EUR (paid)", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_event_has_its_id_as_uid_revision_as_sequence_updated_at_as_dtstamp_and_amount_status_and_categories()
    {
        var calendar = IcalNetFeedReader.Load(Writer.Write(FeedSamples.All()));

        var tokyo = Assert.Single(calendar.Events, e => e.Uid == FeedSamples.TokyoBill.Id.ToString("D"));
        Assert.Equal(7, tokyo.Sequence);
        Assert.Equal(FeedSamples.Changed.UtcDateTime, tokyo.DtStamp!.AsUtc);
        Assert.Equal(FeedSamples.Changed.UtcDateTime, tokyo.LastModified!.AsUtc);
        Assert.Equal(["Bill", "Utilities"], tokyo.Categories);
        Assert.Contains("Amount: 48.20 EUR", tokyo.Description);
        Assert.Contains("Status: Paid", tokyo.Description);
        Assert.Contains("paid from the joint account", tokyo.Description);
        Assert.Equal("🧾 Phone bill — 48.20 EUR (paid)", tokyo.Summary);
        Assert.Equal("TRANSPARENT", tokyo.Transparency);
        Assert.Equal("CONFIRMED", tokyo.Status);

        var salary = Assert.Single(calendar.Events, e => e.Uid == FeedSamples.NewYorkSalary.Id.ToString("D"));
        Assert.Equal(["Income"], salary.Categories);
        Assert.Equal("FREQ=WEEKLY;INTERVAL=2;COUNT=20", salary.RecurrenceRule!.ToString());
    }

    [Fact]
    public void All_day_events_are_DATE_values_on_their_local_due_date_and_timed_events_carry_a_TZID_with_a_VTIMEZONE()
    {
        var text = Encoding.UTF8.GetString(Writer.Write(FeedSamples.All()));
        var calendar = IcalNetFeedReader.Load(Encoding.UTF8.GetBytes(text));

        // Tokyo midnight is 15:00 UTC the day before: the DATE must be the local due date.
        Assert.Contains("DTSTART;VALUE=DATE:20260615", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20260616", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20260105T090000", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/New_York:20260102T170000", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20260731T120000Z", text, StringComparison.Ordinal);
        Assert.Equal(["America/New_York", "Australia/Sydney", "Europe/Berlin"], calendar.TimeZones.Select(z => z.TzId).Order());
        Assert.True(calendar.Events.Single(e => e.Uid == FeedSamples.NewYorkRent.Id.ToString("D")).IsAllDay);
    }

    [Fact]
    public void Skipped_occurrence_is_an_EXDATE_and_moved_or_paid_ones_are_VEVENTs_with_the_series_uid_and_a_RECURRENCE_ID()
    {
        var text = Encoding.UTF8.GetString(Writer.Write(FeedSamples.All()));
        var calendar = IcalNetFeedReader.Load(Encoding.UTF8.GetBytes(text));
        var uid = FeedSamples.BerlinWeekly.Id.ToString("D");

        Assert.Contains("EXDATE;TZID=Europe/Berlin:20260330T090000", text, StringComparison.Ordinal);
        var instances = calendar.Events.Where(e => e.Uid == uid && e.RecurrenceIdentifier is not null).ToList();
        Assert.Equal(2, instances.Count);
        var moved = Assert.Single(instances, e => e.Summary!.Contains("(moved)"));
        Assert.Equal(new DateTime(2026, 10, 26, 9, 0, 0), moved.RecurrenceIdentifier!.StartTime.Value);
        Assert.Equal("Europe/Berlin", moved.RecurrenceIdentifier.StartTime.TzId);
        Assert.Equal(4 + 1, moved.Sequence);
        Assert.Single(calendar.Events, e => e.Uid == uid && e.RecurrenceIdentifier is null);
    }

    [Fact]
    public void Output_is_byte_identical_for_the_same_rows_so_a_strong_etag_is_honest()
    {
        var first = Writer.Write(FeedSamples.All());
        var second = Writer.Write(FeedSamples.All().Reverse().Reverse().ToList());

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("PRODID:" + CalendarFeedWriter.ProductId, text, StringComparison.Ordinal);
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT15M", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text.Split("\r\n"), line => Encoding.UTF8.GetByteCount(line) > 75);
    }

    [Fact]
    public void An_unreadable_stored_rule_lists_the_event_once_with_a_note_instead_of_failing_the_feed()
    {
        var broken = FeedSamples.NewYorkRent with { Recurrence = "RRULE:FREQ=SOMETIMES" };

        var calendar = IcalNetFeedReader.Load(Writer.Write([new FeedEvent(broken, 0), new FeedEvent(FeedSamples.UtcReminder, 0)]));

        var e = Assert.Single(calendar.Events, x => x.Uid == broken.Id.ToString("D"));
        Assert.Null(e.RecurrenceRule);
        Assert.Contains("repeat rule could not be read", e.Description);
        Assert.Equal(2, calendar.Events.Count);
    }

    [Fact]
    public void Events_far_in_the_future_get_a_VTIMEZONE_that_covers_them()
    {
        var future = FeedSamples.BerlinWeekly with { StartAt = FeedSamples.BerlinAt(2031, 7, 7, 9), EndAt = FeedSamples.BerlinAt(2031, 7, 7, 9).AddMinutes(30) };
        var body = Writer.Write([new FeedEvent(future, 0)]);

        var parsed = IcalNetFeedReader.Occurrences(body, new DateOnly(2031, 1, 1), new DateOnly(2032, 1, 1));

        Assert.Equal(FeedOccurrenceView.Expected([new FeedEvent(future, 0)], new DateOnly(2031, 1, 1), new DateOnly(2032, 1, 1)), parsed);
        Assert.Equal("Europe/Berlin", Assert.Single(IcalNetFeedReader.Load(body).TimeZones).TzId);
    }

    [Fact]
    public void Cancelled_events_say_so_in_STATUS_and_summary()
    {
        var cancelled = FeedSamples.UtcReminder with { Status = EventStatus.Cancelled };

        var e = Assert.Single(IcalNetFeedReader.Load(Writer.Write([new FeedEvent(cancelled, 3)])).Events);

        Assert.Equal("CANCELLED", e.Status);
        Assert.EndsWith("(cancelled)", e.Summary, StringComparison.Ordinal);
        Assert.IsType<CalendarEvent>(e);
    }
}
