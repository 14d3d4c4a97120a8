namespace Aegis.CalendarSync.Recurrence;

/// <summary>What the recurrence editor offers; <see cref="Custom"/> is any other rule, kept as written.</summary>
public enum RepeatFrequency { None, Weekly, Monthly, Yearly, Custom }
