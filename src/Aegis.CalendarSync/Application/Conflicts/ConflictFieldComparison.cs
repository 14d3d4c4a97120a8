namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>One field of both versions in plain words (<see cref="EventFieldText"/>).</summary>
public sealed record ConflictFieldComparison(ConflictField Field, string Wallet, string Google)
{
    public bool Differs => !string.Equals(Wallet, Google, StringComparison.Ordinal);

    /// <summary>Title and amount can be taken from either side on their own; the other fields go together.</summary>
    public bool Pickable => Field is ConflictField.Title or ConflictField.Amount;
}
