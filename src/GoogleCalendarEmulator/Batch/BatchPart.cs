namespace GoogleCalendarEmulator.Batch;

/// <summary>One call of a batch as the client wrote it: its part's Content-ID and the nested HTTP request, or why it
/// could not be read as one.</summary>
internal sealed record BatchPart(
    string? ContentId,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string? Malformed = null);

/// <summary>The nested HTTP response of one call, written back in the part of the same position.</summary>
internal sealed record BatchPartResponse(
    string? ContentId,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body);
