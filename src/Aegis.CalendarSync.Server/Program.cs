using Aegis.CalendarSync.Server;
using Aegis.CalendarSync.Server.Hosting;

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    // Loopback by default; ASPNETCORE_URLS / --urls choose another address.
    if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
    // A failed start is reported below as one line; the host's own report of it is a stack trace.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    builder.AddAegisServer();
    app = builder.Build();
    app.UseAegisServer();
    await app.StartAsync();
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync(StartupFailure.Describe(e));
    return 1;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
