using GoogleCalendarEmulator.State.Snapshot;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>The embedded emulator's state file (null when "Emulator:PersistState" is off) and how often it is saved.</summary>
public sealed record EmbeddedEmulatorState(EmulatorStateFile? File, TimeSpan SaveInterval);
