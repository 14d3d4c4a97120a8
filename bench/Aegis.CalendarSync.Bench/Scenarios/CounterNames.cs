namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>Names of the counters scenarios report (per item in the summary).</summary>
public static class CounterNames
{
    /// <summary>Calendar + OAuth requests the emulator answered in the timed region.</summary>
    public const string ApiCalls = "apiCalls";

    /// <summary>Wallet rows whose content, source or updated_at changed in the timed region.</summary>
    public const string LocalWrites = "localWrites";

    /// <summary>Non-empty batches the queue processor claimed.</summary>
    public const string Claims = "claims";

    /// <summary>Queue items the server completed in the timed region (the change itself plus the sync its echo
    /// push triggers).</summary>
    public const string QueueItems = "queueItems";

    /// <summary>CPU time of the whole bench process (server and client) in the timed region, in milliseconds.</summary>
    public const string CpuMilliseconds = "cpuMs";

    /// <summary>Response body bytes received in the timed region.</summary>
    public const string BodyBytes = "bodyBytes";
}
