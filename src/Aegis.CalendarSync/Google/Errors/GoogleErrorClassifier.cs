using System.Net;
using System.Text.Json;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>Maps a non-success Calendar API response to the typed exception for its status and Google
/// <c>reason</c> (table in GOOGLE-API-NOTES "Errors").</summary>
internal static class GoogleErrorClassifier
{
    private static readonly HashSet<string> RateLimitReasons =
        new(StringComparer.Ordinal) { "rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded" };

    /// <summary>True for 429 and for a 403 whose reason is a usage limit: both mean "back off and retry".</summary>
    public static bool IsRateLimit(HttpStatusCode status, string? reason) =>
        status == HttpStatusCode.TooManyRequests
        || (status == HttpStatusCode.Forbidden && reason is not null && RateLimitReasons.Contains(reason));

    /// <summary>Reads Google's error envelope (tolerating a non-JSON body) and builds the exception.</summary>
    public static async Task<GoogleApiException> FromResponseAsync(HttpResponseMessage response, TimeProvider time, CancellationToken ct)
    {
        var error = await ReadErrorAsync(response, ct).ConfigureAwait(false);
        var reason = error?.Errors is [var first, ..] ? first.Reason : null;
        var message = error?.Message ?? response.ReasonPhrase ?? $"HTTP {(int)response.StatusCode}";
        return Create(response.StatusCode, reason, message, ReadRetryAfter(response, time));
    }

    /// <summary>Reads the envelope; null when the body is empty or not Google-shaped. Buffers the content, so the
    /// body can be read again afterwards (the retry predicate reads it before the client does).</summary>
    public static async Task<GoogleError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, GoogleJsonContext.Default.GoogleErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static GoogleApiException Create(HttpStatusCode status, string? reason, string message, TimeSpan? retryAfter)
    {
        if (IsRateLimit(status, reason))
        {
            return new RateLimitedException(status, reason, message, retryAfter);
        }

        return (int)status switch
        {
            400 => new BadRequestException(status, reason, message, retryAfter),
            401 => new AuthErrorException(status, reason, message, retryAfter),
            403 => new ForbiddenException(status, reason, message, retryAfter),
            404 => new NotFoundException(status, reason, message, retryAfter),
            409 => new DuplicateException(status, reason, message, retryAfter),
            410 when reason == "deleted" => new ResourceDeletedException(status, reason, message, retryAfter),
            410 => new FullSyncRequiredException(status, reason, message, retryAfter),
            412 => new PreconditionFailedException(status, reason, message, retryAfter),
            >= 500 => new BackendException(status, reason, message, retryAfter),
            _ => new GoogleApiException(status, reason, message, retryAfter),
        };
    }

    /// <summary>Retry-After as delta-seconds or an HTTP date (relative to <paramref name="time"/>), never negative.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
