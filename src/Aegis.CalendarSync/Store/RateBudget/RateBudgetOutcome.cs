namespace Aegis.CalendarSync.Store.RateBudget;

/// <summary>What a reservation in the rate budget came to.</summary>
public enum RateBudgetOutcome
{
    /// <summary>Both budgets reserved: send after <see cref="RateReservation.Wait"/> (0: now; more: the project's
    /// queue ahead of it).</summary>
    Reserved,

    /// <summary>The user's own budget has no room yet: nothing reserved; ask again after <see cref="RateReservation.Wait"/>
    /// (so a user behind on its quota never holds the shared project budget while it waits).</summary>
    UserBusy,

    /// <summary>The wait would exceed the request's MaxWait: nothing reserved; <see cref="RateReservation.Wait"/> is
    /// how long it would have waited.</summary>
    Refused,
}
