namespace Aegis.CalendarSync.Tests.Sync.Convergence;

public enum Side { Wallet, Google }

/// <summary>A person's write as the side it was made on recorded it: the clock of that write (the wallet's
/// updated_at, Google's <c>updated</c>) and what the side held right after it (null: deleted).</summary>
public sealed record RecordedWrite<T>(DateTimeOffset At, Side Side, T? After, string Step);
