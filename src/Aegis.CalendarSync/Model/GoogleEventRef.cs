namespace Aegis.CalendarSync.Model;

/// <summary>Where a synced event lives in Google and which version we last saw: the calendar, the event id and the
/// etag sent as If-Match (null: write unconditionally).</summary>
public readonly record struct GoogleEventRef(string CalendarId, string EventId, string? Etag)
{
    /// <summary>The same event, conditioned on another version (e.g. the one just read after a 412).</summary>
    public GoogleEventRef At(string? etag) => this with { Etag = etag };
}
