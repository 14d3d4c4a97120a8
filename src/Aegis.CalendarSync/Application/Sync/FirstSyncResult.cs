using Aegis.CalendarSync.Sync.Preview;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>Answer to a first-sync request (preview, Start, Cancel): done, refused because the connection is not
/// awaiting the go-ahead (nothing changed), or Google could not be reached (nothing changed; the user may retry).</summary>
public abstract record FirstSyncResult
{
    private FirstSyncResult() { }

    public sealed record Previewed(SyncPreview Preview) : FirstSyncResult;

    public sealed record Started : FirstSyncResult
    {
        public static readonly Started Instance = new();
    }

    public sealed record Cancelled : FirstSyncResult
    {
        public static readonly Cancelled Instance = new();
    }

    /// <summary>Nothing awaits the go-ahead: <see cref="NeverConnected"/> when no Google account is connected, otherwise
    /// the sync already started.</summary>
    public sealed record NotAwaiting(bool NeverConnected) : FirstSyncResult;

    public sealed record GoogleUnavailable(string Message) : FirstSyncResult;
}
