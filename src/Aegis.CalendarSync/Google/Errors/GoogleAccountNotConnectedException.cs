using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>No stored tokens for the user: the Google account was never connected (or was disconnected).</summary>
public sealed class GoogleAccountNotConnectedException(Guid userId)
    : GoogleApiException(HttpStatusCode.Unauthorized, "notConnected", $"User {userId} has no Google tokens; connect the account first."), IPermanentFailure
{
    public Guid UserId { get; } = userId;
}
