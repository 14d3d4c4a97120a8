using Microsoft.AspNetCore.Diagnostics;

namespace Aegis.CalendarSync.Server.Api;

/// <summary>A request the framework could not bind (an unparseable query parameter, an oversized body) is the client's
/// error in every environment: answered with its own status (400, 413, …) as problem details naming the parameter,
/// never a 500. Route handlers throw on bad requests in every environment (ServerRegistration), so Development and
/// Production answer alike.</summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        });
    }
}
