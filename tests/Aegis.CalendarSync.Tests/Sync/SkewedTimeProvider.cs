namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The system clock shifted by a fixed amount: gives the emulator ("Google's servers") a clock ahead of or
/// behind the wallet's, so which side wrote last is decided by the test, not by scheduling.</summary>
internal sealed class SkewedTimeProvider(TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
}
