using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Tests.Sync;

public sealed class ConflictPolicyTests
{
    private static readonly DateTimeOffset Local = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, ConflictWinner.Google)]
    [InlineData(-1, ConflictWinner.Local)]
    [InlineData(0, ConflictWinner.Neither)]
    public void Last_write_wins_compares_google_updated_with_the_local_modification(int googleOffsetSeconds, ConflictWinner expected) =>
        Assert.Equal(expected, ConflictPolicy.Decide(ConflictStrategy.LastWriteWins, Local, Local.AddSeconds(googleOffsetSeconds)));

    [Fact]
    public void Last_write_wins_keeps_the_wallet_version_when_google_gives_no_timestamp() =>
        Assert.Equal(ConflictWinner.Local, ConflictPolicy.Decide(ConflictStrategy.LastWriteWins, Local, null));

    [Theory]
    [InlineData(ConflictStrategy.LocalWins, ConflictWinner.Local)]
    [InlineData(ConflictStrategy.GoogleWins, ConflictWinner.Google)]
    [InlineData(ConflictStrategy.Manual, ConflictWinner.User)]
    public void Fixed_strategies_ignore_timestamps(ConflictStrategy strategy, ConflictWinner expected)
    {
        Assert.Equal(expected, ConflictPolicy.Decide(strategy, Local, Local.AddHours(1)));
        Assert.Equal(expected, ConflictPolicy.Decide(strategy, Local, Local.AddHours(-1)));
    }
}
