namespace Aegis.CalendarSync.Google;

/// <summary>Google's quotas (calls per sliding minute per user and per project) as the client paces them: the generic
/// cell rate algorithm (GCRA) with a burst of <see cref="Burst"/> calls and one call per interval
/// T = ⌈60 s / (quota − burst)⌉ (whole microseconds, rounded up).</summary>
/// <remarks>Guarantee, per user (quota L_u, interval T_u) and for the whole project (L_p, T_p) alike: in any window of
/// length w (closed, anywhere in time) at most <c>burst + ⌊w / T⌋</c> calls are released, so in any 60 s window at most
/// L calls (<see cref="MaxUserCallsIn"/>, <see cref="MaxProjectCallsIn"/>). Proof sketch: each call owns a slot of
/// length T on its budget's timeline; slots never overlap, and a request released at s owns slots inside
/// [s, s + burst x T]; so the calls released in [t, t + w] own disjoint slots inside [t, t + w + burst x T].
/// A quiet user sends <see cref="Burst"/> calls at once (one full batch request); a busy one (L − burst) per minute
/// sustained. "Released" is when the limiter lets the HTTP request go; the bound holds at Google's end as long as
/// delivery delays vary by less than one interval (109 ms per user, 6 ms per project by default).</remarks>
public sealed record GoogleQuota(int UserCallsPerMinute, int ProjectCallsPerMinute, int Burst)
{
    /// <summary>Google's quota window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Largest burst: Google's most calls in one batch request (a request's calls are sent together).</summary>
    public const int MaxBurst = GoogleCalendarClient.MaxBatchCalls;

    /// <summary>Largest quota the client can pace: one call per microsecond (the budget's resolution).</summary>
    public const int MaxCallsPerMinute = 60_000_000;

    /// <summary>T_u: one user's sustained spacing of calls.</summary>
    public TimeSpan UserInterval => IntervalFor(UserCallsPerMinute);

    /// <summary>T_p: the whole project's sustained spacing of calls.</summary>
    public TimeSpan ProjectInterval => IntervalFor(ProjectCallsPerMinute);

    /// <summary>At most this many calls of one user are released in any window of length <paramref name="window"/>.</summary>
    public long MaxUserCallsIn(TimeSpan window) => Burst + window.Ticks / UserInterval.Ticks;

    /// <summary>At most this many calls of all users together are released in any window of length <paramref name="window"/>.</summary>
    public long MaxProjectCallsIn(TimeSpan window) => Burst + window.Ticks / ProjectInterval.Ticks;

    private TimeSpan IntervalFor(int quota)
    {
        var windowMicros = Window.Ticks / TimeSpan.TicksPerMicrosecond;
        var sustained = Math.Max(1, quota - Burst);
        return TimeSpan.FromMicroseconds((windowMicros + sustained - 1) / sustained);
    }
}
