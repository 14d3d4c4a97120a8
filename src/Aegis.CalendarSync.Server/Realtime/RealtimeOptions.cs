using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>Options section "Realtime": the live progress stream (<c>GET /api/sync/stream</c>).</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>How often the shared change feed reads the database for all connected users together: one
    /// queue/settings query and one audit query per interval, however many streams are open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A comment line is written after this long without an event, so proxies keep the connection open
    /// and a dead client is detected by the failed write.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Open streams per user (tabs, devices); one more is refused with 429.</summary>
    [Range(1, 100)]
    public int MaxStreamsPerUser { get; set; } = 5;

    /// <summary>Audit rows in the snapshot event.</summary>
    [Range(1, 200)]
    public int SnapshotActivityCount { get; set; } = 20;

    /// <summary>Audit rows read per poll for all users together; more are read on the next poll.</summary>
    [Range(10, 5000)]
    public int MaxActivityPerPoll { get; set; } = 500;

    /// <summary>Updates buffered per stream. A client that falls this far behind gets a fresh snapshot instead
    /// of an ever-growing buffer.</summary>
    [Range(1, 1000)]
    public int StreamBufferCapacity { get; set; } = 32;
}
