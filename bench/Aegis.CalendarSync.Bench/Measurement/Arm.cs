namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>The two sides of a comparison: A is the baseline, B the candidate; ratios are B/A.</summary>
public enum Arm { A, B }
