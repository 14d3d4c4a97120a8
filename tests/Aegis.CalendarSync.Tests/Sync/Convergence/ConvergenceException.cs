namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>A case that did not converge: every violation found, then the log of the steps as they were applied.</summary>
public sealed class ConvergenceException(string store, IReadOnlyList<string> violations, IReadOnlyList<string> log)
    : Exception($"Did not converge on {store}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations) +
        $"{Environment.NewLine}Run log:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", log));
