namespace Aegis.CalendarSync.Cluster;

/// <summary>The jobs that must run on one node at a time, as named in <c>job_leases</c>.</summary>
public enum SingletonJob
{
    ChannelRenewal,
    QueueCleanup,
}
