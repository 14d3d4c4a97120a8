using System.Text.Json;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using static Aegis.CalendarSync.Tests.Mapping.MappingFixtures;

namespace Aegis.CalendarSync.Tests.Mapping;

public sealed class FinancialEventMapperTests
{
    private readonly FinancialEventMapper _mapper = Mapper();

    /// <summary>What Google sends back for an event we wrote: same fields through JSON plus server-owned ones.</summary>
    private static GoogleEvent EchoFromGoogle(GoogleEvent sent)
    {
        var json = JsonSerializer.Serialize(sent, GoogleJsonContext.Default.GoogleEvent);
        return JsonSerializer.Deserialize(json, GoogleJsonContext.Default.GoogleEvent)! with
        {
            Kind = "calendar#event",
            Etag = "\"3181161784712000\"",
            HtmlLink = "https://www.google.com/calendar/event?eid=x",
            Created = Now,
            Updated = Now.AddMinutes(1),
            ICalUid = sent.Id + "@google.com",
            Sequence = 0,
        };
    }

    [Fact]
    public void Bill_maps_to_an_all_day_event_on_its_due_date_with_amount_in_the_summary()
    {
        var g = _mapper.ToGoogleEvent(RentBill())!;

        Assert.Equal(GoogleEventId.FromFinancialEventId(RentBill().Id), g.Id);
        Assert.Equal("🧾 Rent — 1,200.00 EUR", g.Summary);
        Assert.Equal($"Flat 3B, transfer to landlord\n\n{DescriptionFormat.Footer}", g.Description);
        Assert.Equal(new EventDateTime { Date = new DateOnly(2025, 3, 1) }, g.Start);
        Assert.Equal(new EventDateTime { Date = new DateOnly(2025, 3, 2) }, g.End);
        Assert.Equal("11", g.ColorId);
        Assert.Equal(["RRULE:FREQ=MONTHLY;BYMONTHDAY=1"], g.Recurrence);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["aegisEventId"] = RentBill().Id.ToString(),
                ["aegisAmount"] = "1200",
                ["aegisCurrency"] = "EUR",
                ["aegisType"] = "bill",
                ["aegisStatus"] = "pending",
                ["aegisCategory"] = "housing",
            },
            g.ExtendedProperties!.Private);
    }

    [Fact]
    public void Bill_due_date_is_the_calendar_date_in_the_events_zone_not_in_utc()
    {
        // 23:30 UTC on 1 March is already 12:30 on 2 March in Auckland (UTC+13 in summer).
        var bill = RentBill() with
        {
            StartAt = new DateTimeOffset(2025, 3, 1, 23, 30, 0, TimeSpan.Zero),
            EndAt = new DateTimeOffset(2025, 3, 1, 23, 30, 0, TimeSpan.Zero),
            AllDay = false,
            TimeZone = "Pacific/Auckland",
        };

        var g = _mapper.ToGoogleEvent(bill)!;

        Assert.Equal(new DateOnly(2025, 3, 2), g.Start!.Date);
        Assert.Equal(new DateOnly(2025, 3, 3), g.End!.Date);
        Assert.Null(g.Start.DateTime);
    }

    [Fact]
    public void All_day_bill_round_trips_unchanged_through_google()
    {
        var bill = RentBill();

        var back = _mapper.ApplyGoogleChanges(bill, EchoFromGoogle(_mapper.ToGoogleEvent(bill)!), Defaults);

        Assert.Equal(bill with { SyncSource = SyncSource.Google, UpdatedAt = Now.AddMinutes(1) }, back);
    }

    [Fact]
    public void Timed_event_across_a_dst_change_keeps_instants_zone_and_duration()
    {
        var transfer = BerlinTransferAcrossDst();

        var g = _mapper.ToGoogleEvent(transfer)!;
        var back = _mapper.ApplyGoogleChanges(transfer, EchoFromGoogle(g), Defaults);

        Assert.Equal(TimeSpan.FromHours(1), g.Start!.DateTime!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(2), g.End!.DateTime!.Value.Offset);
        Assert.Equal("Europe/Berlin", g.Start.TimeZone);
        Assert.Null(g.Start.Date);
        Assert.Equal("7", g.ColorId);
        Assert.Equal("🔁 Savings transfer — 250.50 EUR", g.Summary);
        Assert.Equal(transfer.StartAt, back.StartAt);
        Assert.Equal(transfer.EndAt, back.EndAt);
        Assert.Equal(TimeSpan.FromHours(1), back.EndAt - back.StartAt);
        Assert.False(back.AllDay);
        Assert.Equal("Europe/Berlin", back.TimeZone);
    }

    [Fact]
    public void Timed_event_moved_in_google_to_the_summer_side_gets_the_summer_offset()
    {
        var transfer = BerlinTransferAcrossDst();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(transfer)!) with
        {
            Start = new EventDateTime { DateTime = new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.FromHours(2)), TimeZone = "Europe/Berlin" },
            End = new EventDateTime { DateTime = new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.FromHours(2)), TimeZone = "Europe/Berlin" },
        };

        var moved = _mapper.ApplyGoogleChanges(transfer, g, Defaults);

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero), moved.StartAt);
        Assert.Equal(TimeSpan.FromHours(2), moved.StartAt.Offset);
        Assert.Equal(TimeSpan.FromHours(1), moved.EndAt - moved.StartAt);
    }

    [Fact]
    public void All_day_event_moved_in_google_starts_at_local_midnight_of_the_new_date()
    {
        var bill = RentBill() with { TimeZone = "America/New_York" };
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with
        {
            Start = new EventDateTime { Date = new DateOnly(2025, 3, 10) },
            End = new EventDateTime { Date = new DateOnly(2025, 3, 11) },
        };

        var moved = _mapper.ApplyGoogleChanges(bill, g, Defaults);

        // New York switched to EDT (UTC-4) at 02:00 on 9 March 2025.
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.FromHours(-4)), moved.StartAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 0, 0, 0, TimeSpan.FromHours(-4)), moved.EndAt);
        Assert.True(moved.AllDay);
        Assert.Equal("America/New_York", moved.TimeZone);
    }

    [Theory]
    [InlineData("🧾 Mortgage — 1,200.00 EUR", "Mortgage")]
    [InlineData("Mortgage — 1,200.00 EUR", "Mortgage")]
    [InlineData("Mortgage payment", "Mortgage payment")]
    [InlineData("Rent — flat 2B", "Rent — flat 2B")]
    [InlineData("   ", FinancialEventMapper.UntitledTitle)]
    public void Summary_edited_in_google_flows_back_as_title_stripping_only_an_intact_amount_suffix(string summary, string expectedTitle)
    {
        var bill = RentBill();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with { Summary = summary };

        var edited = _mapper.ApplyGoogleChanges(bill, g, Defaults);

        Assert.Equal(expectedTitle, edited.Title);
        Assert.Equal(1200m, edited.Amount);
        Assert.Null(_mapper.SummaryProblem(bill, g));
    }

    // Issue 9: the amount part a person edits in Google is read back (it used to land in the title).
    [Theory]
    [InlineData("🧾 Rent — 1,300.00 EUR", "Rent", 1300)]
    [InlineData("Rent — 1,500.00 EUR", "Rent", 1500)]
    [InlineData("🧾 New rent — 1500 EUR", "New rent", 1500)]
    [InlineData("🧾 Rent — 12,345.6789 EUR", "Rent", 12345.6789)]
    [InlineData("🧾 Rent — -20.50 EUR", "Rent", -20.5)]
    public void An_amount_edited_in_the_summary_is_read_back_and_google_is_told(string summary, string expectedTitle, double expectedAmount)
    {
        var bill = RentBill();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with { Summary = summary };

        var edited = _mapper.ApplyGoogleChanges(bill, g, Defaults);

        Assert.Equal((expectedTitle, (decimal)expectedAmount), (edited.Title, edited.Amount));
        Assert.Equal(SyncSource.Aegis, edited.SyncSource);
        Assert.Null(_mapper.SummaryProblem(bill, g));
    }

    [Theory]
    [InlineData("🧾 Rent — 1,5OO.00 EUR", "Rent")]
    [InlineData("🧾 Rent — 1,300.00 USD", "Rent")]
    [InlineData("Rent (flat) — 1.300,00 EUR", "Rent (flat)")]
    [InlineData("Rent — 1,300.123456 EUR", "Rent")]
    public void An_amount_part_that_does_not_read_keeps_the_amount_and_a_clean_title_and_says_why(string summary, string expectedTitle)
    {
        var bill = RentBill();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with { Summary = summary };

        var edited = _mapper.ApplyGoogleChanges(bill, g, Defaults);

        Assert.Equal((expectedTitle, 1200m), (edited.Title, edited.Amount));
        Assert.Equal(SyncSource.Aegis, edited.SyncSource);
        Assert.Contains("the amount was kept", _mapper.SummaryProblem(bill, g));
    }

    [Fact]
    public void An_unchanged_amount_part_needs_no_write_back_to_google()
    {
        var bill = RentBill();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with { Summary = "🧾 Home rent — 1,200.00 EUR" };

        var edited = _mapper.ApplyGoogleChanges(bill, g, Defaults);

        Assert.Equal(("Home rent", 1200m, SyncSource.Google), (edited.Title, edited.Amount, edited.SyncSource));
    }

    [Theory]
    [InlineData("New notes\n\n" + DescriptionFormat.Footer, "New notes")]
    [InlineData("New notes\r\n\r\n" + DescriptionFormat.Footer, "New notes")]
    [InlineData("Footer deleted by the user", "Footer deleted by the user")]
    [InlineData(DescriptionFormat.Footer, null)]
    [InlineData(null, null)]
    public void Description_edited_in_google_flows_back_without_the_footer(string? description, string? expected)
    {
        var bill = RentBill();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with { Description = description };

        Assert.Equal(expected, _mapper.ApplyGoogleChanges(bill, g, Defaults).Description);
    }

    [Fact]
    public void Location_and_recurrence_edits_flow_back_keeping_every_recurrence_line_verbatim()
    {
        var bill = RentBill();
        var g = EchoFromGoogle(_mapper.ToGoogleEvent(bill)!) with
        {
            Location = "Landlord's office",
            Recurrence = ["EXDATE;VALUE=DATE:20250401", "RRULE:FREQ=MONTHLY;BYMONTHDAY=5"],
        };

        var edited = _mapper.ApplyGoogleChanges(bill, g, Defaults);

        Assert.Equal("Landlord's office", edited.Location);
        Assert.Equal("EXDATE;VALUE=DATE:20250401\nRRULE:FREQ=MONTHLY;BYMONTHDAY=5", edited.Recurrence);
        Assert.Equal(["EXDATE;VALUE=DATE:20250401", "RRULE:FREQ=MONTHLY;BYMONTHDAY=5"], _mapper.ToGoogleEvent(edited)!.Recurrence);
        Assert.Null(_mapper.ApplyGoogleChanges(bill, g with { Recurrence = null }, Defaults).Recurrence);
    }

    [Theory]
    [InlineData("1234.5678", "JPY", EventType.Income, EventStatus.Paid)]
    [InlineData("-19.99", "USD", EventType.Expense, EventStatus.Pending)]
    [InlineData("0.01", "GBP", EventType.Reminder, EventStatus.Pending)]
    public void Amount_currency_type_and_status_round_trip_through_private_properties(string amount, string currency, EventType type, EventStatus status)
    {
        var e = RentBill() with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency = currency, EventType = type, Status = status };

        var g = _mapper.ToGoogleEvent(e)!;
        var back = _mapper.ApplyGoogleChanges(RentBill(), EchoFromGoogle(g), Defaults);

        Assert.Equal(amount, g.GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal((e.Amount, currency, type, status), (back.Amount, back.Currency, back.EventType, back.Status));
        Assert.Equal("Rent", back.Title);
        Assert.Equal(status == EventStatus.Paid ? EventColors.Paid : EventColors.For(type, status), g.ColorId);
    }

    [Fact]
    public void Event_created_in_google_imports_as_a_reminder_with_default_currency_and_a_stable_id()
    {
        var g = new GoogleEvent
        {
            Id = "7kq1f3bo8h2jc0example",
            Status = "confirmed",
            Summary = "Dentist",
            Description = "Bring insurance card",
            Start = new EventDateTime { DateTime = new DateTimeOffset(2025, 4, 2, 14, 0, 0, TimeSpan.FromHours(-4)), TimeZone = "America/New_York" },
            End = new EventDateTime { DateTime = new DateTimeOffset(2025, 4, 2, 15, 0, 0, TimeSpan.FromHours(-4)), TimeZone = "America/New_York" },
            Created = Now.AddHours(-2),
            Updated = Now.AddHours(-1),
        };

        var imported = _mapper.ApplyGoogleChanges(null, g, Defaults);

        Assert.Equal(UserId, imported.UserId);
        Assert.Equal(("Dentist", "Bring insurance card", 0m, "EUR", EventType.Reminder, EventStatus.Pending),
            (imported.Title, imported.Description, imported.Amount, imported.Currency, imported.EventType, imported.Status));
        Assert.Equal(g.Start.DateTime, imported.StartAt);
        Assert.Equal("America/New_York", imported.TimeZone);
        Assert.Equal(SyncSource.Google, imported.SyncSource);
        Assert.Equal((Now.AddHours(-2), Now.AddHours(-1)), (imported.CreatedAt, imported.UpdatedAt));
        Assert.Equal(imported.Id, _mapper.ApplyGoogleChanges(null, g, Defaults).Id);
        Assert.NotEqual(imported.Id, _mapper.ApplyGoogleChanges(null, g with { Id = "otherevent1" }, Defaults).Id);
        Assert.NotEqual(imported.Id, _mapper.ApplyGoogleChanges(null, g, Defaults with { UserId = Guid.NewGuid() }).Id);
        Assert.Equal("🔔 Dentist", _mapper.ToGoogleEvent(imported)!.Summary);
    }

    [Fact]
    public void Aegis_event_whose_mapping_was_lost_is_recognised_by_its_private_event_id()
    {
        var bill = RentBill();

        var recovered = _mapper.ApplyGoogleChanges(null, EchoFromGoogle(_mapper.ToGoogleEvent(bill)!), Defaults);

        Assert.Equal(bill.Id, recovered.Id);
        Assert.Equal(("Rent", 1200m, EventType.Bill, "housing"), (recovered.Title, recovered.Amount, recovered.EventType, recovered.Category));
    }

    [Fact]
    public void Cancelled_or_deleted_events_are_not_mapped_and_cancelled_google_events_are_not_applied()
    {
        Assert.Null(_mapper.ToGoogleEvent(RentBill() with { Status = EventStatus.Cancelled }));
        Assert.Null(_mapper.ToGoogleEvent(RentBill() with { DeletedAt = Now }));
        Assert.Null(_mapper.ContentHash(RentBill() with { Status = EventStatus.Cancelled }));

        Assert.Throws<ArgumentException>(() => _mapper.ApplyGoogleChanges(RentBill(), new GoogleEvent { Id = "abcde", Status = "cancelled" }, Defaults));
    }

    [Fact]
    public void Paid_events_are_grey_whatever_their_type()
    {
        Assert.Equal("8", _mapper.ToGoogleEvent(RentBill() with { Status = EventStatus.Paid })!.ColorId);
        Assert.Equal("10", _mapper.ToGoogleEvent(RentBill() with { EventType = EventType.Income })!.ColorId);
    }
}
