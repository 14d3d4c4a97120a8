namespace Aegis.CalendarSync.Google.Models;

/// <summary>Google's error envelope:
/// <c>{"error":{"errors":[{domain, reason, message, locationType, location}],"code":N,"message":…}}</c>.</summary>
internal sealed record GoogleErrorResponse
{
    public GoogleError? Error { get; init; }
}

public sealed record GoogleError
{
    public int Code { get; init; }
    public string? Message { get; init; }
    public IReadOnlyList<GoogleErrorItem>? Errors { get; init; }
}

public sealed record GoogleErrorItem
{
    public string? Domain { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? LocationType { get; init; }
    public string? Location { get; init; }
}
