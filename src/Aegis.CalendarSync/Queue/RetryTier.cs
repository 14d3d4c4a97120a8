namespace Aegis.CalendarSync.Queue;

/// <summary>What happens to a failed queue item: a quick retry (seconds), a slow retry (minutes to hours, transient
/// failures only), or the dead-letter list (permanent failures, and items that used up their retries).</summary>
public enum RetryTier { Quick, Slow, DeadLetter }
