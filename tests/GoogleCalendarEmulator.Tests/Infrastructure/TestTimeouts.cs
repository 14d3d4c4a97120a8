namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>Upper bounds that only turn a hung signal into a failure; no test waits for them to elapse.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Signal = TestClock.SignalTimeout;
}
