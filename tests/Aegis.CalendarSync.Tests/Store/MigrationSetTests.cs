using Aegis.CalendarSync.Store.Migrations;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>Merging the engine's and the hosts' migration sets (no database needed: the scripts are embedded).</summary>
public sealed class MigrationSetTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void Engine_set_registered_twice_is_applied_once_in_version_order(string engine)
    {
        var merged = MigrationSet.Merge([MigrationSet.Engine, MigrationSet.Engine], engine);

        Assert.Equal(MigrationSet.Engine.For(engine), merged);
        Assert.Equal(merged.Select(m => m.Version).Order(), merged.Select(m => m.Version));
        Assert.All(merged, m => Assert.InRange(m.Version, 1, 99));
    }

    [Fact]
    public void Two_sets_claiming_one_version_are_refused_naming_both_owners()
    {
        var twin = MigrationSet.Embedded("twin", typeof(MigrationSet).Assembly, "Aegis.Migrations.");

        var error = Assert.Throws<InvalidOperationException>(() => MigrationSet.Merge([MigrationSet.Engine, twin], "Sqlite"));

        Assert.Contains("share version 1", error.Message);
        Assert.Contains("engine: initial_schema", error.Message);
        Assert.Contains("twin: initial_schema", error.Message);
    }

    [Fact]
    public void A_host_set_without_scripts_for_an_engine_adds_nothing_and_the_engine_set_is_required()
    {
        var empty = MigrationSet.Embedded("empty-host", typeof(MigrationSetTests).Assembly, "No.Such.Prefix.");

        Assert.Equal(MigrationSet.Engine.For("Sqlite"), MigrationSet.Merge([MigrationSet.Engine, empty], "Sqlite"));
        Assert.Throws<InvalidOperationException>(() => MigrationSet.Merge([empty], "Sqlite"));
    }
}
