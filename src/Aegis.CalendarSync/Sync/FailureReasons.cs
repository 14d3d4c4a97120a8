using System.Collections.Frozen;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Model;
using Polly.Timeout;

namespace Aegis.CalendarSync.Sync;

/// <summary>Reads a queue item's stored last_error ("ExceptionType: message", as the queue writes it) back into a
/// <see cref="FailureReason"/>: the known exception types of the Google client, the network and the engine map to a
/// cause and a sentence; anything else is <see cref="FailureCause.Unknown"/> with its message only.</summary>
public static class FailureReasons
{
    private static readonly FrozenDictionary<string, FailureReason> Known = new Dictionary<string, FailureReason>(StringComparer.Ordinal)
    {
        [nameof(InvalidGrantException)] = new(FailureCause.AccessRevoked,
            "Google access was revoked or has expired; reconnect Google Calendar."),
        [nameof(GoogleAccountNotConnectedException)] = new(FailureCause.NotConnected,
            "Google Calendar is not connected; connect it to sync this change."),
        [nameof(AuthErrorException)] = new(FailureCause.SignInRejected,
            "Google did not accept the saved sign-in; reconnect Google Calendar."),
        [nameof(RateLimitedException)] = new(FailureCause.RateLimited,
            "Google asked Aegis to slow down (too many requests)."),
        [nameof(BackendException)] = new(FailureCause.GoogleUnavailable,
            "Google Calendar was unavailable."),
        [nameof(HttpRequestException)] = new(FailureCause.Network,
            "Google Calendar could not be reached (network error)."),
        [nameof(TaskCanceledException)] = new(FailureCause.Timeout,
            "Google Calendar did not answer in time."),
        [nameof(TimeoutRejectedException)] = new(FailureCause.Timeout,
            "Google Calendar did not answer in time."),
        [nameof(TimeoutException)] = new(FailureCause.Timeout,
            "Google Calendar did not answer in time."),
        [nameof(BadRequestException)] = new(FailureCause.InvalidRequest,
            "Google rejected this event as invalid."),
        [nameof(NotFoundException)] = new(FailureCause.NotFound,
            "The event or its calendar no longer exists in Google Calendar."),
        [nameof(ForbiddenException)] = new(FailureCause.AccessDenied,
            "Aegis is not allowed to change this calendar in Google."),
        [nameof(ResourceDeletedException)] = new(FailureCause.AlreadyDeleted,
            "The event was already deleted in Google Calendar."),
        [nameof(MappingConflictException)] = new(FailureCause.ChangedConcurrently,
            "The event was changed by another sync at the same time."),
        [nameof(UnsupportedQueueItemException)] = new(FailureCause.Unsupported,
            "This kind of change cannot be synced."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Null when there is no error.</summary>
    public static FailureReason? From(string? lastError)
    {
        if (string.IsNullOrWhiteSpace(lastError)) return null;
        var separator = lastError.IndexOf(": ", StringComparison.Ordinal);
        var type = separator > 0 ? lastError[..separator] : lastError;
        if (Known.TryGetValue(type, out var known)) return known;
        var message = separator > 0 ? lastError[(separator + 2)..].Trim() : "";
        return new FailureReason(FailureCause.Unknown,
            message.Length == 0 ? "An unexpected error occurred." : $"An unexpected error occurred: {message}");
    }
}
