using System.Globalization;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

/// <summary>CPU time from Linux's <c>/proc/&lt;pid&gt;/stat</c> (utime + stime, in clock ticks of 10 ms: a delta
/// over a drain of several seconds is exact to well under 1 %).</summary>
public static class ProcessCpu
{
    /// <summary>USER_HZ: 100 on every Linux architecture .NET runs on.</summary>
    private const double MillisecondsPerTick = 1000.0 / 100;

    /// <summary>CPU milliseconds the process (all its threads) has used so far.</summary>
    public static double OfProcess(int pid) =>
        Read(pid) is { } stat ? (stat.UserTicks + stat.SystemTicks) * MillisecondsPerTick
            : throw new InvalidOperationException($"process {pid} is gone");

    /// <summary>CPU milliseconds each live thread of process <paramref name="pid"/> named <paramref name="threadName"/>
    /// (its <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/stat</c> comm, which Linux truncates to 15 characters) has used so far,
    /// by thread id.</summary>
    public static IReadOnlyDictionary<int, double> OfThreads(int pid, string threadName)
    {
        var threads = new Dictionary<int, double>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                && Read(Path.Combine(task, "stat")) is { } stat && stat.Comm == threadName)
            {
                threads[tid] = (stat.UserTicks + stat.SystemTicks) * MillisecondsPerTick;
            }
        }

        return threads;
    }

    /// <summary>CPU milliseconds the threads of <paramref name="after"/> used since <paramref name="before"/> (threads
    /// started since count whole). A thread that exited in between is missing from <paramref name="after"/> with
    /// whatever it used meanwhile, so this is a lower bound (.NET's tiered-compilation worker exits when idle for a while
    /// and a new one starts with the next work).</summary>
    public static double Since(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after) =>
        after.Sum(t => t.Value - before.GetValueOrDefault(t.Key));

    /// <summary>CPU milliseconds of a process tree one level deep, as PostgreSQL forms it: the postmaster, the CPU of
    /// its children that already exited (its cutime + cstime), and every live child except <paramref name="excluded"/>
    /// (the bench's own backends, whose work is not the variant's).</summary>
    public static double OfPostmasterTree(int postmasterPid, IReadOnlySet<int> excluded)
    {
        var postmaster = Read(postmasterPid) ?? throw new InvalidOperationException($"postmaster {postmasterPid} is gone");
        var ticks = postmaster.UserTicks + postmaster.SystemTicks + postmaster.ChildUserTicks + postmaster.ChildSystemTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && !excluded.Contains(pid) && Read(pid) is { } child && child.ParentPid == postmasterPid)
            {
                ticks += child.UserTicks + child.SystemTicks;
            }
        }

        return ticks * MillisecondsPerTick;
    }

    private static Stat? Read(int pid) => Read($"/proc/{pid}/stat");

    private static Stat? Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (DirectoryNotFoundException)
        {
            return null; // a thread that exited between listing and reading
        }
        catch (IOException)
        {
            return null; // exited between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        var open = text.IndexOf('(');
        return new Stat(text[(open + 1)..text.LastIndexOf(')')], (int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }

    private sealed record Stat(string Comm, int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);
}
