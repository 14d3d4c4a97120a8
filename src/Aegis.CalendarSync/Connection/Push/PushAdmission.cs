namespace Aegis.CalendarSync.Connection.Push;

/// <summary>What a <see cref="PushWindow"/> makes of one accepted push.</summary>
internal enum PushAdmission
{
    /// <summary>The window was closed: this push opens it and is written now.</summary>
    Write,

    /// <summary>The window is open: remembered, written when it ends.</summary>
    Absorbed,

    /// <summary>Numbered at or below the highest push seen on the channel.</summary>
    Duplicate,

    /// <summary>The window was forgotten meanwhile: look the channel's window up again.</summary>
    Stale,
}
