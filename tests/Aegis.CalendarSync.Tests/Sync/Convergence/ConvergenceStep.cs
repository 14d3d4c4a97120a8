namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>One step of a generated interleaving: a person's edit in the wallet or in Google Calendar, a fault of the
/// emulator, or a turn of the engine. <c>Target</c> and <c>Index</c> pick among the events the case has created so far
/// (modulo their number), so every sequence, shrunk or not, is meaningful; a step whose target does not (or no longer)
/// exist on its side does nothing and says so in the run log.</summary>
public abstract record ConvergenceStep;

/// <summary>The user creates a financial event in the wallet, <paramref name="Day"/> days after the case's first day.</summary>
public sealed record WalletCreate(EventShape Shape, int Day) : ConvergenceStep;

public sealed record WalletEdit(int Target, EventChange Change, int Value) : ConvergenceStep;

public sealed record WalletDelete(int Target) : ConvergenceStep;

/// <summary>The user changes one occurrence (<paramref name="Index"/>) of a recurring event in the wallet.</summary>
public sealed record WalletOccurrenceEdit(int Target, int Index, WalletOccurrenceChange Change, int Value) : ConvergenceStep;

/// <summary>A person creates an all-day event in Google Calendar.</summary>
public sealed record GoogleCreate(int Day) : ConvergenceStep;

public sealed record GoogleEdit(int Target, EventChange Change, int Value) : ConvergenceStep;

public sealed record GoogleDelete(int Target) : ConvergenceStep;

/// <summary>A person changes one occurrence of a series in Google ("this event"): renames or deletes that instance.</summary>
public sealed record GoogleOccurrenceEdit(int Target, int Index, GoogleOccurrenceChange Change, int Value) : ConvergenceStep;

/// <summary>The next <paramref name="Count"/> calls (or pushes) meet <paramref name="Kind"/>.</summary>
public sealed record InjectFault(FaultKind Kind, int Count) : ConvergenceStep;

/// <summary>The engine's turn: pushes the emulator has queued are delivered to the webhook, then the queue runs until
/// nothing is due.</summary>
public sealed record DeliverPushes : ConvergenceStep;

/// <summary>The engine's periodic incremental sync (what runs when pushes were lost), then the queue until nothing is due.</summary>
public sealed record PollGoogle : ConvergenceStep;

public enum EventShape { AllDayBill, TimedIncome, MonthlySeries }

/// <summary>Paid applies in the wallet only (a person has no status field in Google) and to one-off events only (a
/// series' months are paid one by one, <see cref="WalletOccurrenceChange.Paid"/>); Move to one-off events only.</summary>
public enum EventChange { Title, Amount, Move, Paid }

public enum WalletOccurrenceChange { Paid, Skip, Amount }

public enum GoogleOccurrenceChange { Rename, Delete }

/// <summary>ServerError: 503 on the next calls; LostResponse: the next call is carried out but its answer never comes
/// (the client times out); SyncTokenGone: outstanding sync tokens answer 410; DropPushes, DuplicatePushes,
/// DelayPushes: the next pushes are lost, sent twice or late.</summary>
public enum FaultKind { ServerError, LostResponse, SyncTokenGone, DropPushes, DuplicatePushes, DelayPushes }
