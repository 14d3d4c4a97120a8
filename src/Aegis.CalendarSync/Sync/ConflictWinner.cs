namespace Aegis.CalendarSync.Sync;

/// <summary>Outcome of <see cref="ConflictPolicy.Decide"/>.</summary>
public enum ConflictWinner
{
    /// <summary>Push the wallet's version to Google.</summary>
    Local,
    /// <summary>Apply Google's version to the wallet.</summary>
    Google,
    /// <summary>Same modification instant: already in sync, do nothing (seed rule "equal → skip").</summary>
    Neither,
    /// <summary>Keep both and let the user choose.</summary>
    User,
}
