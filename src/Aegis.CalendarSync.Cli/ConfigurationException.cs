namespace Aegis.CalendarSync.Cli;

/// <summary>The configuration cannot run the product (a required secret missing); the message names what to set.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
