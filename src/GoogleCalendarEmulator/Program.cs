var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "emulator");
app.Run();
