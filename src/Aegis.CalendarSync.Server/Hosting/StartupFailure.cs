using System.Data.Common;
using System.Net.Sockets;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>Turns any exception that stops the server from starting into the one line an operator reads on stderr:
/// what is wrong and which setting to change, no stack trace.</summary>
public static class StartupFailure
{
    public const string Prefix = "Aegis Calendar Sync cannot start: ";

    public static string Describe(Exception exception)
    {
        var e = Unwrap(exception);
        var reason = e switch
        {
            StartupConfigurationException => e.Message,
            OptionsValidationException invalid => "invalid configuration: " + string.Join(" ", invalid.Failures),
            IOException when e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
                $"{e.Message.TrimEnd('.')} (another process listens there; stop it or choose another address with --urls or ASPNETCORE_URLS).",
            DbException or SocketException or TimeoutException =>
                $"the database is unreachable or refused the connection (check STORE_PROVIDER and STORE_CONNECTION_STRING): {e.Message}",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        return Prefix + string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    e = aggregate.InnerExceptions[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case InvalidOperationException { InnerException: DbException or SocketException } wrapped:
                    e = wrapped.InnerException!;
                    continue;
                default:
                    return e;
            }
        }
    }
}
