using Aegis.CalendarSync.Application.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>The 409 problem for a sync request the engine refused (not connected, or sync switched off).</summary>
public static class SyncProblems
{
    public static ProblemHttpResult Refused(SyncRequestResult refusal) => refusal switch
    {
        SyncRequestResult.Disabled { Reason: { } reason } => Problems.Conflict($"Sync is disabled: {reason}"),
        SyncRequestResult.Disabled => Problems.Conflict("Sync is disabled; enable it in the sync settings first."),
        _ => Problems.Conflict("Connect a Google account first."),
    };
}
