using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Cluster;

/// <summary>Section "Cluster": how the nodes sharing one database hand the singleton jobs to each other.</summary>
public sealed class ClusterOptions : IValidatableObject
{
    public const string SectionName = "Cluster";

    /// <summary>How long a node holds a job's lease without renewing it; a node that dies mid-run hands the job over
    /// after at most this long. Renewed every third of it while the job runs.</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a node whose scheduled run found the job held by another node asks again, until it gets the
    /// lease (then runs the pass, which finds nothing left to do when the other node finished it).</summary>
    public TimeSpan JobLeaseRetry { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (JobLease < TimeSpan.FromSeconds(3))
            yield return new ValidationResult("Cluster:JobLease must be at least 3 seconds.", [nameof(JobLease)]);
        if (JobLeaseRetry <= TimeSpan.Zero || JobLeaseRetry > JobLease)
            yield return new ValidationResult("Cluster:JobLeaseRetry must be positive and at most Cluster:JobLease.", [nameof(JobLeaseRetry)]);
    }
}
