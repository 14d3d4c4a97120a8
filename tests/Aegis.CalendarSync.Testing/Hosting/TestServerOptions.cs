using Aegis.CalendarSync.Testing.Databases;
using GoogleCalendarEmulator.Hosting;
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

    /// <summary>Extra service registrations, applied after the server's own (e.g. a span exporter).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; init; }

    /// <summary>Extra configuration, applied last.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
