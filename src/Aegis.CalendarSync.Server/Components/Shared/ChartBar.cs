namespace Aegis.CalendarSync.Server.Components.Shared;

public sealed record ChartBar(string Label, double Value, string? Color = null);
