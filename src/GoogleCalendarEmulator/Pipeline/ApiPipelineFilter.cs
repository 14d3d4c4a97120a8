using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.OAuth;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GoogleCalendarEmulator.Pipeline;

/// <summary>
/// Runs in front of every Calendar and OAuth endpoint, in this order: request log, injected latency, injected
/// faults, bearer-token check, quota (per user and per project, see QuotaLedger); after the handler, an injected lost response. Failures become Google's error shapes, never unhandled exceptions.
/// </summary>
internal sealed class ApiPipelineFilter(EmulatorState state, ILogger<ApiPipelineFilter> logger) : IEndpointFilter
{
    /// <summary>HttpContext item: when the call arrived (a batch part carries its batch request's, see BatchCallRunner).</summary>
    public const string ArrivedAtKey = "GoogleCalendarEmulator.ArrivedAt";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<ApiOperation>();
        if (operation is null)
        {
            return await next(context);
        }

        // Logged with its arrival, as Google counts a call against quota when it receives it (its processing time,
        // and for a batch part the parts before it, are the emulator's, not the client's).
        var arrived = http.Items.TryGetValue(ArrivedAtKey, out var at) && at is DateTimeOffset outer ? outer : state.Time.GetUtcNow();
        http.Items[ArrivedAtKey] = arrived;

        // OnStarting runs before the status line is sent, so the entry exists by the time the client sees the answer.
        // A lost response may never start: that path logs itself, once.
        var logged = 0;
        void Log()
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                state.Requests.Add(new RequestLogEntry(
                    http.Request.Method, http.Request.Path.Value ?? "/", operation.Name, http.Response.StatusCode,
                    ApiContext.FindAccount(http)?.Email, RfcTime.Format(arrived),
                    InBatch: http.Features.Get<IHttpResponseFeature>() is Batch.BatchPartResponseFeature));
            }
        }

        http.Response.OnStarting(() =>
        {
            Log();
            return Task.CompletedTask;
        });

        try
        {
            if (state.Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(state.Faults.Latency, state.Time, http.RequestAborted);
            }

            if (state.Faults.Next(http.Request.Method, http.Request.Path.Value ?? "/") is { } fault)
            {
                return fault.ToResult(http.Response);
            }

            if (operation.RequiresBearerToken)
            {
                var (account, project) = Authenticate(http.Request);
                ApiContext.SetAccount(http, account);
                if (state.Quota.TryAcquire(project, account.Email) is { } refused)
                {
                    throw GoogleErrors.OverQuota(refused.Scope, state.Options.RateLimitStatusCode, refused.RetryAfter);
                }
            }

            var result = await next(context);
            if (state.Faults.NextLostResponse(http.Request.Method, http.Request.Path.Value ?? "/") is { } hold)
            {
                // The handler has committed its change; only the answer is late (or never read by the client).
                Log();
                await Task.Delay(hold, state.Time, http.RequestAborted);
            }

            return result;
        }
        catch (GoogleApiException ex)
        {
            return ex.ToResult(http.Response);
        }
        catch (OAuthException ex)
        {
            return ex.ToResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled emulator failure in {Operation}", operation.Name);
            return GoogleErrors.BackendError().ToResult(http.Response);
        }
    }

    private (Account Account, string Project) Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw GoogleErrors.AuthError();
        }

        var holder = state.OAuth.ValidateAccessToken(header[scheme.Length..].Trim()) ?? throw GoogleErrors.AuthError();
        return (state.GetOrCreateAccount(holder.Email), holder.ClientId);
    }
}
