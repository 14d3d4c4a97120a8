using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Application.Occurrences;

/// <summary>What an occurrence command did: saved (the occurrence as the wallet now shows it), refused with
/// field-level errors (nothing written), or found no such series of this user or no such occurrence of it.</summary>
public abstract record OccurrenceResult
{
    private OccurrenceResult() { }

    public sealed record Saved(Occurrence Occurrence) : OccurrenceResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : OccurrenceResult;

    public sealed record NotFound(string What) : OccurrenceResult;
}
