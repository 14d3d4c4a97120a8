using GoogleCalendarEmulator.Json;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Errors;

/// <summary>A failure that the pipeline renders as Google's error envelope with the given HTTP status.</summary>
internal sealed class GoogleApiException(int statusCode, GoogleErrorItem item, TimeSpan? retryAfter = null)
    : Exception(item.Message)
{
    public int StatusCode { get; } = statusCode;
    public GoogleErrorItem Item { get; } = item;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public IResult ToResult(HttpResponse response)
    {
        if (RetryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Json(Body, GoogleJson.Options, statusCode: StatusCode);
    }

    /// <summary>Google's error envelope for this failure.</summary>
    public GoogleErrorBody Body => new(new GoogleErrorDetail([Item], StatusCode, Item.Message));
}
