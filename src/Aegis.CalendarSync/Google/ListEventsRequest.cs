namespace Aegis.CalendarSync.Google;

/// <summary>Query of events.list. With <see cref="SyncToken"/> Google forbids timeMin, timeMax, updatedMin,
/// privateExtendedProperty and showDeleted=false (400); <see cref="Validate"/> rejects those before any call.</summary>
public sealed record ListEventsRequest
{
    public string? SyncToken { get; init; }
    public string? PageToken { get; init; }
    /// <summary>1..2500; Google's default is 250. A page may be short or empty while more remain.</summary>
    public int? MaxResults { get; init; }
    public bool? ShowDeleted { get; init; }
    public bool? SingleEvents { get; init; }
    /// <summary>Exclusive lower bound on an event's end.</summary>
    public DateTimeOffset? TimeMin { get; init; }
    /// <summary>Exclusive upper bound on an event's start.</summary>
    public DateTimeOffset? TimeMax { get; init; }
    public DateTimeOffset? UpdatedMin { get; init; }
    /// <summary>Each entry becomes one repeated <c>privateExtendedProperty=name=value</c> filter (all must match).</summary>
    public IReadOnlyDictionary<string, string>? PrivateExtendedProperties { get; init; }

    public void Validate()
    {
        if (MaxResults is < 1 or > 2500)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResults), MaxResults, "maxResults must be within 1..2500.");
        }

        if (TimeMin is { } min && TimeMax is { } max && max <= min)
        {
            throw new ArgumentException("timeMax must be later than timeMin.");
        }

        if (SyncToken is null)
        {
            return;
        }

        if (TimeMin is not null || TimeMax is not null || UpdatedMin is not null || PrivateExtendedProperties is { Count: > 0 } || ShowDeleted == false)
        {
            throw new ArgumentException("A syncToken cannot be combined with timeMin, timeMax, updatedMin, privateExtendedProperty or showDeleted=false.");
        }
    }
}
