using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>While <see cref="AccountsOptions.AllowSignUp"/> is off, <c>/signup</c> (GET and POST) answers 404 before
/// any page runs, exactly like a route that does not exist.</summary>
public sealed class SignUpGate(RequestDelegate next, IOptions<AccountsOptions> options)
{
    public const string Path = "/signup";

    public Task InvokeAsync(HttpContext context)
    {
        if (options.Value.AllowSignUp || !context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)) return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
