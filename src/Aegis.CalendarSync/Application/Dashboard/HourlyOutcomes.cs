namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>A user's audited sync outcomes in one UTC hour (see <see cref="IDashboardReader.ReadHourlyOutcomesAsync"/>
/// for what counts as which).</summary>
public sealed record HourlyOutcomes(DateTimeOffset Hour, long Successes, long Failures, long Conflicts);
