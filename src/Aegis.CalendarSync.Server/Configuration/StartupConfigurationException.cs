namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>A configuration the server refuses to start with; <see cref="Exception.Message"/> is the one line printed
/// (see <see cref="Hosting.StartupFailure"/>), naming the setting and how to fix it.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
