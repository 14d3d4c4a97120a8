namespace Aegis.CalendarSync.Model;

/// <summary>Kind of financial event. Stored as lower-case text (bill, income, expense, transfer, reminder).</summary>
public enum EventType { Bill, Income, Expense, Transfer, Reminder }
