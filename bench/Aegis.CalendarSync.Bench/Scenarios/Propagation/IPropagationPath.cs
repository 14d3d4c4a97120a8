using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Bench.Scenarios.Propagation;

/// <summary>One direction of propagation: where a title change is made and where it is watched for.</summary>
public interface IPropagationPath
{
    string Name { get; }

    string Description { get; }

    /// <summary>Queue items the server completes for one change, counting the sync of our own write's echo push.</summary>
    int QueueItemsPerChange { get; }

    /// <summary>Makes the change on the origin side.</summary>
    Task ChangeTitleAsync(ServerHarness server, FinancialEvent target, string title, CancellationToken ct);

    /// <summary>One poll of the destination side.</summary>
    Task<bool> ShowsTitleAsync(ServerHarness server, FinancialEvent target, string title, CancellationToken ct);

    /// <summary>Calendar API calls the path itself made (polls), to subtract from the request log's count.</summary>
    long OwnApiCalls(ServerHarness server);
}
