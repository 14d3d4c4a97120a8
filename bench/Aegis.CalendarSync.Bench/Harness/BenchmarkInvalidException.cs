namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>A trial did not do the work it claims to measure (items left in the queue, calls throttled, changes not
/// listed): its timing would be meaningless, so the run stops instead of reporting it.</summary>
public sealed class BenchmarkInvalidException(string message) : Exception(message);
