using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Events;

/// <summary>A deleted event in the Trash: where it was deleted (<c>google</c> or <c>aegis</c>) and from when the
/// clean-up job may remove it for good (deleted_at + Trash:Retention). Restore with POST /api/events/{id}/restore.</summary>
public sealed record TrashItemResponse(EventResponse Event, SyncSource DeletedIn, DateTimeOffset PurgeAfter)
{
    public static TrashItemResponse From(FinancialEvent e, TimeSpan retention) =>
        new(EventResponse.From(e), e.SyncSource, (e.DeletedAt ?? e.UpdatedAt) + retention);
}
