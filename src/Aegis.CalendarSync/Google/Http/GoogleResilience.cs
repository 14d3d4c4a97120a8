using System.Net;
using Aegis.CalendarSync.Google.Errors;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Aegis.CalendarSync.Google.Http;

/// <summary>Retry and timeout strategies for Google's endpoints (Polly via Microsoft.Extensions.Http.Resilience).</summary>
/// <remarks>Retried: 429, 403 with a usage-limit reason, 5xx, 408, attempt timeouts and network errors, with
/// exponential backoff and jitter; a Retry-After header replaces the computed delay. POSTs are retried too: an
/// insert carries a deterministic client-chosen id, so when a lost response hid a success the retry gets 409
/// duplicate instead of creating a second event; the sync engine treats 409 on its own id as "already there"
/// (get it and continue). A retried watch may register a second channel; unrenewed channels expire on their own.</remarks>
internal static class GoogleResilience
{
    public static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, GoogleApiOptions options)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return;
        }

        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = ShouldRetryAsync,
        });
    }

    public static void AddAttemptTimeout(ResiliencePipelineBuilder<HttpResponseMessage> builder, GoogleApiOptions options) =>
        builder.AddTimeout(options.AttemptTimeout);

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (HttpClientResiliencePredicates.IsTransient(args.Outcome))
        {
            return true;
        }

        if (args.Outcome.Exception is TimeoutRejectedException)
        {
            return true;
        }

        if (args.Outcome.Result is { StatusCode: HttpStatusCode.Forbidden } response)
        {
            var error = await GoogleErrorClassifier.ReadErrorAsync(response, args.Context.CancellationToken).ConfigureAwait(false);
            return GoogleErrorClassifier.IsRateLimit(response.StatusCode, error?.Errors is [var first, ..] ? first.Reason : null);
        }

        return false;
    }
}
