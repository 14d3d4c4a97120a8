using Aegis.CalendarSync.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddAegisServer();

var app = builder.Build();
app.UseAegisServer();
await app.RunAsync();
