namespace Aegis.CalendarSync.Store.RateBudget;

/// <summary>The reservation rule over the two budgets (user and project), each a GCRA timeline: its theoretical
/// arrival time (TAT, µs since the Unix epoch; 0 for a budget never used). Shared by the in-process store and the
/// SQLite path; PostgreSQL's single statement (<see cref="Sql.SqlRateBudgetStore"/>) is the same rule in SQL.</summary>
/// <remarks>For a request of k calls at time now, each budget's earliest release is e = TAT + k T − burst T. With
/// s = max(now, e_project): if e_user ≤ s the request is released at s and each budget's TAT becomes
/// max(TAT, s) + k T: its k slots [max(TAT, s), max(TAT, s) + k T) start no earlier than s and end no later than
/// s + burst T, which is what <see cref="Google.GoogleQuota"/>'s bound needs. If e_user > s nothing is reserved and the
/// caller asks again at e_user: reserving the project at a future instant would leave a hole on the shared timeline
/// and stall every other user behind one busy user.</remarks>
internal static class RateBudgetGcra
{
    public readonly record struct Decision(RateReservation Reservation, long UserTat, long ProjectTat);

    public static Decision Decide(long userTat, long projectTat, long now, RateBudgetRequest request)
    {
        var userEarliest = userTat + request.CostMicrosUser - request.ToleranceMicrosUser;
        var projectEarliest = projectTat + request.CostMicrosProject - request.ToleranceMicrosProject;
        var release = Math.Max(now, projectEarliest);
        if (userEarliest > release)
        {
            return Unchanged(userEarliest - now > request.MaxWaitMicros ? RateBudgetOutcome.Refused : RateBudgetOutcome.UserBusy, userEarliest - now);
        }

        if (release - now > request.MaxWaitMicros)
        {
            return Unchanged(RateBudgetOutcome.Refused, release - now);
        }

        return new Decision(
            new RateReservation(RateBudgetOutcome.Reserved, TimeSpan.FromMicroseconds(release - now)),
            Math.Max(userTat, release) + request.CostMicrosUser,
            Math.Max(projectTat, release) + request.CostMicrosProject);

        Decision Unchanged(RateBudgetOutcome outcome, long waitMicros) =>
            new(new RateReservation(outcome, TimeSpan.FromMicroseconds(waitMicros)), userTat, projectTat);
    }
}
