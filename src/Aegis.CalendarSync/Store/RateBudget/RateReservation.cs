namespace Aegis.CalendarSync.Store.RateBudget;

/// <summary>The answer to a <see cref="RateBudgetRequest"/>, measured from the store's clock at the reservation.</summary>
public readonly record struct RateReservation(RateBudgetOutcome Outcome, TimeSpan Wait);
