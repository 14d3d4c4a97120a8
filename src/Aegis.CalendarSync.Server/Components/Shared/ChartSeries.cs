namespace Aegis.CalendarSync.Server.Components.Shared;

public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
