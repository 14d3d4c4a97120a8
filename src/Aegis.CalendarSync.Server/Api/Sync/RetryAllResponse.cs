namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>How many dead letters "Retry all" put back to pending.</summary>
public sealed record RetryAllResponse(int Requeued);
