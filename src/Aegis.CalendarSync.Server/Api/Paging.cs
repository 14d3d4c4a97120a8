using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api;

/// <summary>Validated limit/offset query parameters.</summary>
public static class Paging
{
    public static bool TryCreate(int? limit, int? offset, int defaultLimit, int maxLimit, out int validLimit, out int validOffset,
        out ValidationProblem? error)
    {
        validLimit = limit ?? defaultLimit;
        validOffset = offset ?? 0;
        error = null;
        var errors = new Dictionary<string, string[]>();
        if (validLimit < 1 || validLimit > maxLimit) errors["limit"] = [$"limit must be between 1 and {maxLimit}."];
        if (validOffset < 0) errors["offset"] = ["offset must not be negative."];
        if (errors.Count > 0) error = Problems.Validation(errors);
        return error is null;
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Limit, int Offset);
