namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>One field of both versions in plain words (<see cref="EventFieldText"/>).</summary>
public sealed record ConflictFieldComparison(ConflictField Field, string Wallet, string Google)
{
    /// <summary>False when Google's copy holds no value for the field (<see cref="Google"/> then says so).</summary>
    public bool InGoogle { get; init; } = true;

    public bool Differs => !string.Equals(Wallet, Google, StringComparison.Ordinal);

    /// <summary>Title and amount can be taken from either side on their own (Google's only when Google has one); the
    /// other fields go together.</summary>
    public bool Pickable => (Field is ConflictField.Title or ConflictField.Amount) && InGoogle;
}
