using GoogleCalendarEmulator.Hosting;

// Standalone emulator: dotnet run --project src/GoogleCalendarEmulator -- --urls http://127.0.0.1:8085
// Options: --Emulator:AutoApprove=true --Emulator:DefaultAccountEmail=… --Emulator:RequestsPerUserPerMinute=… --Emulator:RequestsPerProjectPerMinute=…
var builder = WebApplication.CreateBuilder(args);
var section = builder.Configuration.GetSection("Emulator");
var options = new EmulatorOptions
{
    AutoApprove = section.GetValue("AutoApprove", false),
    DefaultAccountEmail = section.GetValue("DefaultAccountEmail", "demo@example.com")!,
    RequestsPerUserPerMinute = section.GetValue("RequestsPerUserPerMinute", 600),
    RequestsPerProjectPerMinute = section.GetValue("RequestsPerProjectPerMinute", 10_000),
    MaxBatchCalls = section.GetValue("MaxBatchCalls", 50),
    RateLimitStatusCode = section.GetValue("RateLimitStatusCode", 403),
};

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8085");
}

builder.Services.AddGoogleCalendarEmulator(options);
var app = builder.Build();
app.MapGoogleCalendarEmulator();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Google Calendar emulator listening on {address}");
    }
});
app.Run();
