using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>Answer to "Refresh from Google" for one event.</summary>
public abstract record EventRefreshResult
{
    private EventRefreshResult() { }

    /// <summary>Google's version was read and applied by the inbound rules (conflict strategy included); the row as
    /// stored now (deleted when Google's copy was deleted).</summary>
    public sealed record Refreshed(FinancialEvent Event) : EventRefreshResult;

    public sealed record EventNotFound : EventRefreshResult
    {
        public static readonly EventNotFound Instance = new();
    }

    /// <summary>Sync cannot run (not connected or disabled); nothing was read.</summary>
    public sealed record CannotSync(SyncRequestResult Refusal) : EventRefreshResult;

    /// <summary>The event has no Google counterpart yet (its first push is still queued or failed).</summary>
    public sealed record NotInGoogle : EventRefreshResult
    {
        public static readonly NotInGoogle Instance = new();
    }
}
