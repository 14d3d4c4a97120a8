using Aegis.CalendarSync.Testing.Databases;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Testing.Hosting;

public sealed class TestServerOptions
{
    /// <summary>Null: SQLite in the host's temporary data folder; else this database (which the caller disposes).</summary>
    public TestDatabase? Database { get; init; }

    /// <summary>Replaces the system clock for the whole server (not the emulator).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Null: the server's embedded emulator, consent auto-approved. Else an emulator the caller started (and
    /// disposes), with the embedded one disabled; its push notifications reach this server's webhook.</summary>
    public EmulatorHost? Emulator { get; init; }

    /// <summary>Null: no log output.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>The host environment (default "Testing", Production's pipeline); "Development" also applies the
    /// Development-only pipeline (developer exception page) and generated secrets.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Changes to the server's services, applied after its own registrations (e.g. a test double of a
    /// background step the test wants to hold).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Extra configuration, applied last.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
