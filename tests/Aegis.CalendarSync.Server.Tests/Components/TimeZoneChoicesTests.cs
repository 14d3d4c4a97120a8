using Aegis.CalendarSync.Server.Components.Events;

namespace Aegis.CalendarSync.Server.Tests.Components;

/// <summary>The time-zone picker's labels give the offset the zone has on the event's date, daylight saving included,
/// also for a zone whose standard time is its summer time (Europe/Dublin: IST +01:00 is "standard", GMT in winter is
/// its negative DST), never the zone's base offset.</summary>
public sealed class TimeZoneChoicesTests
{
    [Theory]
    [InlineData("Europe/Dublin", 1, "Europe/Dublin (UTC)")]
    [InlineData("Europe/Dublin", 7, "Europe/Dublin (UTC+01:00)")]
    [InlineData("Europe/London", 1, "Europe/London (UTC)")]
    [InlineData("Europe/London", 7, "Europe/London (UTC+01:00)")]
    [InlineData("Europe/Berlin", 1, "Europe/Berlin (UTC+01:00)")]
    [InlineData("Europe/Berlin", 7, "Europe/Berlin (UTC+02:00)")]
    [InlineData("America/New_York", 1, "America/New_York (UTC−05:00)")]
    [InlineData("America/New_York", 7, "America/New_York (UTC−04:00)")]
    [InlineData("Australia/Sydney", 1, "Australia/Sydney (UTC+11:00)")]
    [InlineData("Australia/Sydney", 7, "Australia/Sydney (UTC+10:00)")]
    [InlineData("UTC", 7, "UTC (UTC)")]
    public void A_zone_is_labelled_with_its_offset_on_the_given_day(string zone, int month, string label)
    {
        var choices = TimeZoneChoices.For(zone, new DateTime(2031, month, 15, 9, 0, 0));

        Assert.Equal(label, Assert.Single(choices, c => c.Id == zone).Label);
    }

    [Fact]
    public void The_label_changes_at_the_zones_own_transition_not_at_midnight_utc()
    {
        // Dublin leaves winter time at 01:00 on the last Sunday of March (30 March 2031).
        Assert.Equal("Europe/Dublin (UTC)", Label("Europe/Dublin", new DateTime(2031, 3, 30, 0, 30, 0)));
        Assert.Equal("Europe/Dublin (UTC+01:00)", Label("Europe/Dublin", new DateTime(2031, 3, 30, 9, 0, 0)));
    }

    [Fact]
    public void A_zone_the_host_does_not_know_is_kept_first_under_its_own_name()
    {
        var choices = TimeZoneChoices.For("Mars/Olympus_Mons", new DateTime(2031, 1, 15));

        Assert.Equal(new TimeZoneChoices.Choice("Mars/Olympus_Mons", "Mars/Olympus_Mons"), choices[0]);
        Assert.Single(choices, c => c.Id == "Europe/Dublin");
    }

    private static string Label(string zone, DateTime localAt) =>
        TimeZoneChoices.For(zone, localAt).Single(c => c.Id == zone).Label;
}
