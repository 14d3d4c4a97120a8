using Aegis.CalendarSync.Testing.Clock;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.CalendarSync.Testing.Engine;

public sealed class SyncHarnessOptions
{
    /// <summary>Configuration applied last, e.g. ["Google:AttemptTimeout"] = "00:00:03".</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The wallet's clock (the engine's TimeProvider: queue due times, leases, audit times); null: the system
    /// clock. A stopped <see cref="Clock.TestClock"/> lets a test move the queue through hours of retries without
    /// waiting; Google keeps its own clock (<see cref="GoogleClockSkew"/>).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Offset of the emulator's clock from the wallet's (Google's <c>updated</c> times); zero: the system clock.</summary>
    public TimeSpan GoogleClockSkew { get; init; }

    /// <summary>One clock for the wallet engine and the emulator (Google's <c>updated</c> times), so every write on
    /// either side is stamped on one timeline the test moves with <see cref="FakeTimeProvider.Advance"/>; null: the
    /// system clock (shifted by <see cref="GoogleClockSkew"/> for the emulator). Not combined with a skew nor with
    /// <see cref="Clock"/>.</summary>
    public TestClock? SharedClock { get; init; }

    /// <summary>The emulator's per-user and per-project quotas per sliding minute (EmulatorOptions.RequestsPerUserPerMinute
    /// and RequestsPerProjectPerMinute); null keeps Google's (600 and 10,000).</summary>
    public int? GoogleRequestsPerMinute { get; init; }

    /// <summary>When set, every connection the engine opens counts its statements and commits here (the engine's
    /// own connections underneath, unchanged).</summary>
    public StatementCounter? Statements { get; init; }
    /// <summary>Applied to the engine's services after AddAegisSyncEngine: a test seam, e.g. a handler on the Google
    /// client's HttpClient that holds one call so a test can force an interleaving without sleeps.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Drop the database when the harness is disposed (a benchmark run's own database); a test class's
    /// fixture is dropped by xunit instead.</summary>
    public bool OwnsDatabase { get; init; }
}
