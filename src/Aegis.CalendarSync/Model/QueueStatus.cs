namespace Aegis.CalendarSync.Model;

/// <summary>Stored as 'pending' / 'processing' / 'completed' / 'failed' (failed = dead letter).</summary>
public enum QueueStatus { Pending, Processing, Completed, Failed }
