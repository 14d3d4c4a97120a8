namespace Aegis.CalendarSync.Cluster;

/// <summary>This process among the nodes sharing a database: host name, process id and a random suffix, so two
/// processes (or two hosts built in one test process) never share an identity.</summary>
public sealed class NodeIdentity
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Name;
}
