namespace Aegis.CalendarSync.Store;

/// <summary>Leases of the jobs that run on exactly one node at a time. Each call is one statement, so of two nodes
/// racing for a free or lapsed lease exactly one gets it; the fencing token of a lease grows at every change of
/// holder, and renewing or releasing matches it, so a node whose lease lapsed cannot act on a lease taken over since.</summary>
public interface IJobLeaseStore
{
    /// <summary>Takes the job's lease for <paramref name="holder"/> until now + <paramref name="duration"/> when it is
    /// free, lapsed or already held by <paramref name="holder"/>; null when another holder's lease is still running.</summary>
    Task<JobLease?> TryAcquireAsync(string job, string holder, TimeSpan duration, CancellationToken ct);

    /// <summary>Extends a lease still held under its fencing token; false when it lapsed and was taken over (the
    /// caller must stop the job's work).</summary>
    Task<bool> RenewAsync(JobLease lease, TimeSpan duration, CancellationToken ct);

    /// <summary>Ends a lease still held under its fencing token, so another node may take the job at once.</summary>
    Task ReleaseAsync(JobLease lease, CancellationToken ct);
}

/// <summary>A held job lease; <see cref="FencingToken"/> identifies this tenure of <see cref="Holder"/>.</summary>
public sealed record JobLease(string Job, string Holder, long FencingToken, DateTimeOffset ExpiresAt);
