using Aegis.CalendarSync.Server;

var builder = WebApplication.CreateBuilder(args);
// Loopback by default; ASPNETCORE_URLS / --urls choose another address.
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
builder.AddAegisServer();

var app = builder.Build();
app.UseAegisServer();
await app.RunAsync();
