using System.Text.Json;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using static Aegis.CalendarSync.Tests.Mapping.MappingFixtures;

namespace Aegis.CalendarSync.Tests.Mapping;

public sealed class EventContentHashTests
{
    private readonly FinancialEventMapper _mapper = Mapper();

    [Fact]
    public void Echo_of_our_own_write_hashes_equal_despite_server_fields_offset_form_and_key_order()
    {
        var sent = _mapper.ToGoogleEvent(BerlinTransferAcrossDst())!;
        var json = JsonSerializer.Serialize(sent, GoogleJsonContext.Default.GoogleEvent);
        var echo = JsonSerializer.Deserialize(json, GoogleJsonContext.Default.GoogleEvent)! with
        {
            Etag = "\"99\"",
            Updated = Now,
            Sequence = 3,
            HtmlLink = "https://calendar.google.com/x",
            ColorId = "1",
            Start = sent.Start! with { DateTime = sent.Start.DateTime!.Value.ToUniversalTime() },
            ExtendedProperties = new EventExtendedProperties { Private = sent.ExtendedProperties!.Private!.Reverse().ToDictionary() },
        };

        Assert.Equal(_mapper.ContentHash(BerlinTransferAcrossDst()), EventContentHash.Compute(echo));
        Assert.Matches("^[0-9a-f]{64}$", EventContentHash.Compute(echo));
    }

    [Fact]
    public void Hash_is_stable_for_the_same_event_and_survives_a_round_trip_through_the_mapper()
    {
        var bill = RentBill();
        var back = _mapper.ApplyGoogleChanges(bill, _mapper.ToGoogleEvent(bill)!, Defaults);

        Assert.Equal(_mapper.ContentHash(bill), _mapper.ContentHash(RentBill()));
        Assert.Equal(_mapper.ContentHash(bill), _mapper.ContentHash(back));
    }

    public static TheoryData<string> Changes => ["summary", "description", "location", "start", "end", "recurrence", "amount", "category"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_synced_field_change_changes_the_hash(string field)
    {
        var g = _mapper.ToGoogleEvent(RentBill())!;
        var props = new Dictionary<string, string>(g.ExtendedProperties!.Private!);
        var changed = field switch
        {
            "summary" => g with { Summary = g.Summary + "!" },
            "description" => g with { Description = "other" },
            "location" => g with { Location = "Lisbon" },
            "start" => g with { Start = new EventDateTime { Date = new DateOnly(2025, 2, 28) } },
            "end" => g with { End = new EventDateTime { Date = new DateOnly(2025, 3, 3) } },
            "recurrence" => g with { Recurrence = ["RRULE:FREQ=WEEKLY"] },
            "amount" => g with { ExtendedProperties = new EventExtendedProperties { Private = new Dictionary<string, string>(props) { [AegisProperties.Amount] = "1201" } } },
            "category" => g with { ExtendedProperties = new EventExtendedProperties { Private = new Dictionary<string, string>(props) { [AegisProperties.Category] = "rent" } } },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.NotEqual(EventContentHash.Compute(g), EventContentHash.Compute(changed));
    }

    [Fact]
    public void Timed_and_all_day_values_on_the_same_day_hash_differently()
    {
        var allDay = new GoogleEvent { Start = new EventDateTime { Date = new DateOnly(2025, 3, 1) } };
        var timed = new GoogleEvent { Start = new EventDateTime { DateTime = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), TimeZone = "UTC" } };

        Assert.NotEqual(EventContentHash.Compute(allDay), EventContentHash.Compute(timed));
    }

    [Fact]
    public void Amount_scale_kept_by_a_store_does_not_change_the_hash()
    {
        var mapper = MappingFixtures.Mapper();
        var written = MappingFixtures.RentBill() with { Amount = 990m };
        var readBackFromPostgres = written with { Amount = 990.0000m };

        Assert.Equal(mapper.ContentHash(written), mapper.ContentHash(readBackFromPostgres));
        Assert.Equal("990", mapper.ToGoogleEvent(readBackFromPostgres)!.GetPrivateProperty(AegisProperties.Amount));
    }
}
