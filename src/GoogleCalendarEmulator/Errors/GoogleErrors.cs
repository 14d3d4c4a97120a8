using GoogleCalendarEmulator.Quota;

namespace GoogleCalendarEmulator.Errors;

/// <summary>The catalogue of errors with the domains, reasons and messages Google's Calendar API uses.</summary>
internal static class GoogleErrors
{
    public static GoogleApiException ParseError() => New(400, "global", "parseError", "Parse Error");

    public static GoogleApiException BadRequest(string message = "Bad Request") => New(400, "global", "badRequest", message);

    public static GoogleApiException InvalidParameter(string parameter, string message = "Invalid Value") =>
        New(400, "global", "invalid", message, "parameter", parameter);

    public static GoogleApiException Invalid(string message = "Invalid Value") => New(400, "global", "invalid", message);

    public static GoogleApiException Required(string message) => New(400, "global", "required", message);

    public static GoogleApiException RequiredParameter(string parameter) =>
        New(400, "global", "required", "Required parameter: " + parameter, "parameter", parameter);

    /// <summary>Google's answer to events.move on one instance of a recurring event (only whole series move).</summary>
    public static GoogleApiException CannotChangeOrganizerOfInstance() =>
        New(400, "calendar", "cannotChangeOrganizerOfInstance", "Cannot change the organizer of an instance.");

    public static GoogleApiException TimeRangeEmpty() => New(400, "calendar", "timeRangeEmpty", "The specified time range is empty.");

    public static GoogleApiException AuthError() => New(401, "global", "authError", "Invalid Credentials", "header", "Authorization");

    /// <summary>Google's errors guide: 403 userRateLimitExceeded when the per-user quota is spent, 403
    /// rateLimitExceeded for the project's, and 429 rateLimitExceeded (either quota) for callers configured to get 429.</summary>
    public static GoogleApiException OverQuota(QuotaScope scope, int status, TimeSpan retryAfter) =>
        status == 403 && scope == QuotaScope.User
            ? New(403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded", retryAfter: retryAfter)
            : New(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", retryAfter: retryAfter);

    public static GoogleApiException RequiredAccessLevel() =>
        New(403, "calendar", "requiredAccessLevel", "You need to have writer access to this calendar.");

    public static GoogleApiException NotFound() => New(404, "global", "notFound", "Not Found");

    public static GoogleApiException Duplicate() => New(409, "global", "duplicate", "The requested identifier already exists.");

    public static GoogleApiException Deleted() => New(410, "global", "deleted", "Resource has been deleted");

    public static GoogleApiException FullSyncRequired() =>
        New(410, "calendar", "fullSyncRequired", "Sync token is no longer valid, a full sync is required.", "parameter", "syncToken");

    public static GoogleApiException ConditionNotMet() => New(412, "global", "conditionNotMet", "Precondition Failed", "header", "If-Match");

    public static GoogleApiException BackendError() => New(500, "global", "backendError", "Backend Error");

    /// <summary>An injected fault: the reason defaults to the one Google uses for that status.</summary>
    public static GoogleApiException ForStatus(int status, string? reason, TimeSpan? retryAfter)
    {
        var (domain, defaultReason, message) = status switch
        {
            400 => ("global", "badRequest", "Bad Request"),
            401 => ("global", "authError", "Invalid Credentials"),
            403 => ("usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"),
            404 => ("global", "notFound", "Not Found"),
            409 => ("global", "duplicate", "The requested identifier already exists."),
            410 => ("global", "deleted", "Resource has been deleted"),
            412 => ("global", "conditionNotMet", "Precondition Failed"),
            429 => ("usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"),
            503 => ("global", "backendError", "Service Unavailable"),
            _ => ("global", "backendError", "Backend Error"),
        };

        var chosenReason = reason ?? defaultReason;
        if (reason is not null)
        {
            (domain, message) = chosenReason switch
            {
                "userRateLimitExceeded" => ("usageLimits", "User Rate Limit Exceeded"),
                "rateLimitExceeded" => ("usageLimits", "Rate Limit Exceeded"),
                "quotaExceeded" => ("usageLimits", "Calendar usage limits exceeded."),
                "fullSyncRequired" => ("calendar", "Sync token is no longer valid, a full sync is required."),
                _ => (domain, message),
            };
        }

        return New(status, domain, chosenReason, message, retryAfter: retryAfter);
    }

    private static GoogleApiException New(int status, string domain, string reason, string message,
        string? locationType = null, string? location = null, TimeSpan? retryAfter = null) =>
        new(status, new GoogleErrorItem(domain, reason, message, locationType, location), retryAfter);
}
