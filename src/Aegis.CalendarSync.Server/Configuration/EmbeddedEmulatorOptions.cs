namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Options section "Emulator": runs the Google Calendar emulator inside this process (Development default)
/// and points the Google options at it.</summary>
public sealed class EmbeddedEmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>The run command's documented emulator port (EMULATOR_PORT / Emulator__Port).</summary>
    public const int DefaultPort = 5081;

    /// <summary>File name of the emulator's state snapshot inside the data folder.</summary>
    public const string StateFileName = "google-emulator-state.json";

    public bool Enabled { get; set; }

    /// <summary>Consent page shown to the user when false; tests set true to skip it.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>Loopback port the emulator listens on; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>When true the emulator's accounts, events, grants and channels are kept in
    /// <c>{data folder}/google-emulator-state.json</c>: loaded at start, written within a second of a change and at
    /// shutdown (the run command; tests keep it off).</summary>
    public bool PersistState { get; set; }

    /// <summary>How often the state is compared with the last snapshot and written when it changed.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(1);
}
