using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Queue;

public sealed class PostgresQueueProcessorTests(PostgresTestDatabase database) : QueueProcessorTests<PostgresTestDatabase>(database)
{
    private PostgresQueueSignal Signal => (PostgresQueueSignal)Services.GetRequiredService<IQueueSignal>();

    [Fact]
    public async Task Signal_wakes_a_waiter_when_the_trigger_notifies_from_another_connection()
    {
        var userId = await NewUserAsync();
        // The first wait starts LISTEN and returns on the wake-up raised after connecting.
        await Signal.WaitAsync(Timeout.InfiniteTimeSpan, Ct).WaitAsync(Generous);
        await Signal.Listening.WaitAsync(Generous);

        var waiting = Signal.WaitAsync(Timeout.InfiniteTimeSpan, Ct);
        Assert.False(waiting.IsCompleted);
        await InsertEventAsync(userId);

        await waiting.WaitAsync(Generous);
    }

    protected override Task WhenSignalReadyAsync() => Signal.Listening.WaitAsync(Generous);

    /// <summary>The listener raises one wake-up after connecting (notifications sent while it was not listening are lost).</summary>
    protected override int WakeupsOnStart => 1;
}
