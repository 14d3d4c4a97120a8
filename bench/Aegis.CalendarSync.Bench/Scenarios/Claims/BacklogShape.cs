namespace Aegis.CalendarSync.Bench.Scenarios.Claims;

/// <summary>What the queued rows of a claim scenario look like.</summary>
public enum BacklogShape
{
    /// <summary>Every queued row is due now.</summary>
    AllDue,

    /// <summary>Only the newest <see cref="ClaimBacklog.DueWhenBackingOff"/> rows are due; every older row failed once
    /// and backs off for an hour (an outage left the backlog waiting while new changes keep arriving).</summary>
    MostlyBackingOff,
}
