using System.Net;
using GoogleCalendarEmulator.Tests.Infrastructure;
using GoogleCalendarEmulator.Tests.Push;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>Push (push guide): a person's change of one occurrence, deletion of one, or "this and following" each
/// sends <c>exists</c> to the calendar's channels, as any event change does, so a watcher syncs them.</summary>
public sealed class RecurringPushTests : CalendarApiTestBase
{
    [Fact]
    public async Task Occurrence_edits_deletions_and_splits_by_a_person_notify_the_watchers()
    {
        await using var receiver = await PushReceiver.StartAsync();
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var watch = await Api.SendAsync(HttpMethod.Post, "calendar/v3/calendars/primary/events/watch",
            new { id = "recurring-1", type = "web_hook", address = receiver.Address("recurring-1") });
        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.Equal("sync", (await receiver.NextAsync()).State);

        await Emulator.Admin.PatchEventAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270301", new { description = "paid" });
        var edited = await receiver.NextAsync();
        await Emulator.Admin.DeleteEventAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270401");
        var deleted = await receiver.NextAsync();
        await Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270901", new { summary = "Rent 2" });
        var split = await receiver.NextAsync();

        Assert.Equal(["exists", "exists", "exists"], new[] { edited.State, deleted.State, split.State });
        Assert.True(deleted.Number > edited.Number && split.Number > deleted.Number);
    }
}
