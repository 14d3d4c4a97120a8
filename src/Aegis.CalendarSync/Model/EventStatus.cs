namespace Aegis.CalendarSync.Model;

/// <summary>Stored as lower-case text (pending, paid, cancelled).</summary>
public enum EventStatus { Pending, Paid, Cancelled }
