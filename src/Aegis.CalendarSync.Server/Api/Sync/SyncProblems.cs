using Aegis.CalendarSync.Application.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>The 409 problem for a sync request the engine refused (not connected, or sync switched off).</summary>
public static class SyncProblems
{
    public const string AwaitingStartDetail =
        "The first sync waits for your go-ahead: review it with GET /api/sync/preview, then POST /api/sync/preview/start (or cancel).";

    public static ProblemHttpResult Refused(SyncRequestResult refusal) => refusal switch
    {
        SyncRequestResult.Disabled { Reason: { } reason } => Problems.Conflict($"Sync is disabled: {reason}"),
        SyncRequestResult.Disabled => Problems.Conflict("Sync is disabled; enable it in the sync settings first."),
        SyncRequestResult.AwaitingStart => Problems.Conflict(AwaitingStartDetail),
        _ => Problems.Conflict("Connect a Google account first."),
    };
}
