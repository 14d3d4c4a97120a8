using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>What an event command did: saved (the row as stored, microseconds and all), refused with field-level
/// errors (nothing written), or found no such event of this user (nothing written).</summary>
public abstract record EventCommandResult
{
    private EventCommandResult() { }

    public sealed record Saved(FinancialEvent Event) : EventCommandResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : EventCommandResult;

    public sealed record NotFound : EventCommandResult
    {
        public static readonly NotFound Instance = new();
    }
}
