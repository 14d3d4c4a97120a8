using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Connection;

/// <summary>Answer to a preferences change: saved (the settings now), or refused because enabling sync needs a
/// connected Google account (nothing changed).</summary>
public abstract record PreferencesUpdateResult
{
    private PreferencesUpdateResult() { }

    public sealed record Saved(CalendarSyncSettings Settings) : PreferencesUpdateResult;

    public sealed record NotConnected : PreferencesUpdateResult
    {
        public static readonly NotConnected Instance = new();
    }
}
