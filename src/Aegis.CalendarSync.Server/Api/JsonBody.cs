using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api;

/// <summary>Reads a JSON request body with a size cap, turning every failure into a problem details response that
/// says what was wrong (oversized → 413, not JSON → 415, malformed → 400 with the JSON path).</summary>
public static class JsonBody
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct, long maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes) return TooLarge<T>(maxBytes);
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = maxBytes;
        if (!request.HasJsonContentType())
            return BodyResult<T>.Fail(Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The request body must be JSON (Content-Type: application/json)."));

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, ct);
            return value is null
                ? BodyResult<T>.Fail(Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "The request body must be a JSON object, not null."))
                : BodyResult<T>.Ok(value);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge<T>(maxBytes);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            return BodyResult<T>.Fail(Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The request body is not valid JSON for this endpoint{where} (line {e.LineNumber + 1})."));
        }
    }

    private static BodyResult<T> TooLarge<T>(long maxBytes) where T : class =>
        BodyResult<T>.Fail(Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The request body must not exceed {maxBytes / 1024} KB."));
}

public readonly record struct BodyResult<T>(T? Value, ProblemHttpResult? Error) where T : class
{
    public static BodyResult<T> Ok(T value) => new(value, null);
    public static BodyResult<T> Fail(ProblemHttpResult error) => new(null, error);
}
