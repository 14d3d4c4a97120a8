using System.Net;
using System.Net.Http.Headers;
using Aegis.CalendarSync.Google.Auth;

namespace Aegis.CalendarSync.Google.Http;

/// <summary>Adds the account's bearer token; on 401 refreshes the token once and re-sends once. A second 401 is
/// returned to the client, which reports it as <see cref="Errors.AuthErrorException"/>.</summary>
internal sealed class AccessTokenHandler(IAccessTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var userId = GoogleRequestOptions.GetUserId(request);
        var refreshFirst = request.Options.TryGetValue(GoogleRequestOptions.RefreshFirst, out var refresh) && refresh;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshFirst
            ? await tokens.RefreshAsync(userId, cancellationToken).ConfigureAwait(false)
            : await tokens.GetAccessTokenAsync(userId, cancellationToken).ConfigureAwait(false));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.RefreshAsync(userId, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
