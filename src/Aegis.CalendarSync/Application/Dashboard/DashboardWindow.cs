namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>The period the dashboard covers: the last 24 hours in hourly buckets, or the last 7 or 30 days (UTC
/// days, today included) in daily buckets.</summary>
public enum DashboardWindow { Day, Week, Month }
