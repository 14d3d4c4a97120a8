namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Options section "Emulator": runs the Google Calendar emulator inside this process (Development default)
/// and points the Google options at it.</summary>
public sealed class EmbeddedEmulatorOptions
{
    public const string Section = "Emulator";

    public bool Enabled { get; set; }

    /// <summary>Consent page shown to the user when false; tests set true to skip it.</summary>
    public bool AutoApprove { get; set; }
}
