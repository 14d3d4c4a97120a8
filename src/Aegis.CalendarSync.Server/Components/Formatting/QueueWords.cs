using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Components.Formatting;

/// <summary>A change's sync state in a finance user's words: "waiting", "syncing", "done", "failed" (the store's
/// pending / processing / completed / failed).</summary>
public static class QueueWords
{
    public static string State(QueueStatus status) => status switch
    {
        QueueStatus.Pending => "waiting",
        QueueStatus.Processing => "syncing",
        QueueStatus.Completed => "done",
        _ => "failed",
    };
}
