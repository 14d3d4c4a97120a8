using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Theory data shared by the end-to-end suites that must hold under every conflict strategy.</summary>
public static class StrategyCases
{
    /// <summary>Each <see cref="ConflictStrategy"/> with <c>true</c> and with <c>false</c> (the suite's second switch).</summary>
    public static TheoryData<ConflictStrategy, bool> EachWithAFlag()
    {
        var data = new TheoryData<ConflictStrategy, bool>();
        foreach (var strategy in Enum.GetValues<ConflictStrategy>())
        {
            data.Add(strategy, true);
            data.Add(strategy, false);
        }

        return data;
    }
}
