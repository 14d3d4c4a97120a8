using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Tests.Feeds;

public sealed class FeedFilterTests
{
    [Fact]
    public void Absent_parameters_mean_every_type_paid_included_cancelled_left_out()
    {
        var filter = FeedFilter.TryParse(null, null, null, out var errors);

        Assert.Empty(errors);
        Assert.Equal(Enum.GetValues<EventType>(), filter!.Types);
        Assert.Equal([EventStatus.Pending, EventStatus.Paid], filter.Statuses);
    }

    [Fact]
    public void Types_in_any_order_and_spacing_give_the_same_canonical_text()
    {
        var a = FeedFilter.TryParse(["income, bill"], ["false"], null, out _)!;
        var b = FeedFilter.TryParse(["bill,income,bill"], ["false"], ["false"], out _)!;

        Assert.Equal([EventType.Bill, EventType.Income], a.Types);
        Assert.Equal(a.Canonical, b.Canonical);
        Assert.Equal([EventStatus.Pending], a.Statuses);
    }

    [Theory]
    [InlineData("types", "bills")]
    [InlineData("types", "")]
    [InlineData("types", "bill,,income")]
    [InlineData("include_paid", "yes")]
    [InlineData("include_paid", "TRUE")]
    [InlineData("include_cancelled", "1")]
    public void Bad_values_are_refused_with_a_message_naming_the_parameter(string parameter, string value)
    {
        string?[] one = [value];
        var filter = FeedFilter.TryParse(parameter == "types" ? one : null, parameter == "include_paid" ? one : null,
            parameter == "include_cancelled" ? one : null, out var errors);

        Assert.Null(filter);
        Assert.Contains(parameter, Assert.Single(errors).Value[0]);
        Assert.Equal(parameter, errors.Keys.Single());
    }

    [Fact]
    public void A_repeated_parameter_is_refused()
    {
        Assert.Null(FeedFilter.TryParse(["bill", "income"], null, null, out var errors));
        Assert.Null(FeedFilter.TryParse(null, ["true", "false"], null, out var more));
        Assert.Single(errors);
        Assert.Single(more);
    }
}
