using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>The step for one Google event with what it was decided on: the link (for <see cref="InboundStep.ImportCopy"/>
/// the original's) and the wallet event, as read before anything was written.</summary>
internal sealed record InboundDecision(InboundStep Step, GoogleEvent Remote)
{
    public CalendarSyncMapping? Mapping { get; init; }

    public FinancialEvent? Local { get; init; }

    /// <summary>The link was made under an earlier connection: it is bound to the current one before the step applies.</summary>
    public bool Rebind { get; init; }
}
