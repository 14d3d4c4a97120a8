using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google;

/// <summary>Fails start-up with every configuration problem listed, instead of failing on the first request.</summary>
internal sealed class GoogleApiOptionsValidator : IValidateOptions<GoogleApiOptions>
{
    public ValidateOptionsResult Validate(string? name, GoogleApiOptions options)
    {
        var failures = new List<string>();
        RequireAbsoluteHttpUrl(failures, nameof(options.ApiBaseUrl), options.ApiBaseUrl);
        if (!string.IsNullOrEmpty(options.ApiBaseUrl) && !options.ApiBaseUrl.EndsWith('/'))
        {
            failures.Add($"Google:{nameof(options.ApiBaseUrl)} must end with '/' (got '{options.ApiBaseUrl}').");
        }

        RequireAbsoluteHttpUrl(failures, nameof(options.OAuthAuthorizeUrl), options.OAuthAuthorizeUrl);
        RequireAbsoluteHttpUrl(failures, nameof(options.TokenUrl), options.TokenUrl);
        RequireAbsoluteHttpUrl(failures, nameof(options.RevokeUrl), options.RevokeUrl);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Google:ClientId is required (GOOGLE_CLIENT_ID).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Google:ClientSecret is required (GOOGLE_CLIENT_SECRET).");
        }

        if (options.Scopes is not { Length: > 0 } || options.Scopes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Google:Scopes must list at least one non-empty scope.");
        }

        ValidateQuota(failures, options);
        if (options.RateLimitQueueLimit < 0)
        {
            failures.Add("Google:RateLimitQueueLimit must not be negative.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"Google:MaxRetryAttempts must be within 0..10 (got {options.MaxRetryAttempts}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add("Google:RetryBaseDelay must not be negative.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add("Google:AttemptTimeout must be positive.");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("Google:TokenRefreshMargin must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Both quotas must leave room above the burst (the sustained rate is quota − burst per minute) and stay
    /// within one call per microsecond; the deprecated per-second form may not be mixed with the per-minute one.</summary>
    private static void ValidateQuota(List<string> failures, GoogleApiOptions options)
    {
        var burstValid = options.BurstCalls is >= 1 and <= GoogleCalendarClient.MaxBatchCalls;
        if (!burstValid)
        {
            failures.Add($"Google:BurstCalls must be within 1..{GoogleCalendarClient.MaxBatchCalls} (got {options.BurstCalls}).");
        }

        string userKey;
        if (options.RequestsPerSecond is { } perSecond)
        {
            userKey = "RequestsPerSecond";
            if (options.RequestsPerUserPerMinute != GoogleApiOptions.DefaultRequestsPerUserPerMinute)
            {
                failures.Add("Google:RequestsPerSecond is the deprecated form of Google:RequestsPerUserPerMinute (n per second = 60 n per minute); set only one.");
                return;
            }

            if (perSecond is < 1 or > GoogleQuota.MaxCallsPerMinute / 60)
            {
                failures.Add($"Google:RequestsPerSecond must be within 1..{GoogleQuota.MaxCallsPerMinute / 60} (got {perSecond}).");
                return;
            }
        }
        else
        {
            userKey = "RequestsPerUserPerMinute";
        }

        var burst = burstValid ? options.BurstCalls : 0;
        RequireQuota(failures, userKey, options.UserQuotaPerMinute, burst);
        RequireQuota(failures, "RequestsPerProjectPerMinute", options.RequestsPerProjectPerMinute, burst);
    }

    private static void RequireQuota(List<string> failures, string key, int perMinute, int burst)
    {
        if (perMinute <= burst || perMinute > GoogleQuota.MaxCallsPerMinute)
        {
            var unit = key == "RequestsPerSecond" ? " (x 60 per minute)" : "";
            failures.Add($"Google:{key}{unit} must give {burst + 1}..{GoogleQuota.MaxCallsPerMinute} calls per minute, more than Google:BurstCalls ({burst}) (got {perMinute}).");
        }
    }

    private static void RequireAbsoluteHttpUrl(List<string> failures, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Google:{key} must be an absolute http(s) URL (got '{value}').");
        }
    }
}
