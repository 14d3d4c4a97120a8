using System.Globalization;
using System.Reflection;

namespace Aegis.CalendarSync.Store.Migrations;

/// <summary>The migration scripts one project owns, embedded in its assembly under the logical name
/// <c>{prefix}{Engine}/NNNN_name.sql</c>. The engine owns versions 0001–0099 (<see cref="Engine"/>); a host registers
/// its own set (<see cref="StoreServiceCollectionExtensions.AddAegisMigrations"/>) for its own tables, from 0100 on.
/// Every registered set is applied by the one <see cref="StoreMigrator"/> (same lock, same checksums, one
/// <c>schema_migrations</c> table), so versions must be unique across sets.</summary>
public sealed class MigrationSet
{
    private const string EnginePrefix = "Aegis.Migrations.";

    private MigrationSet(string owner, Assembly assembly, string resourcePrefix)
    {
        Owner = owner;
        Assembly = assembly;
        ResourcePrefix = resourcePrefix;
    }

    /// <summary>The engine's own tables (users, events, mappings, settings, queue, audit, conflicts, OAuth states).</summary>
    public static MigrationSet Engine { get; } = new("engine", typeof(MigrationSet).Assembly, EnginePrefix);

    /// <summary>Who owns the set (shown in errors).</summary>
    public string Owner { get; }

    public Assembly Assembly { get; }

    public string ResourcePrefix { get; }

    /// <summary>A host's set: scripts embedded in <paramref name="assembly"/> as <c>{resourcePrefix}{Engine}/NNNN_name.sql</c>.</summary>
    public static MigrationSet Embedded(string owner, Assembly assembly, string resourcePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourcePrefix);
        return new MigrationSet(owner, assembly, resourcePrefix);
    }

    /// <summary>The set's scripts for <paramref name="engine"/> in version order; a set may have none for an engine.</summary>
    public IReadOnlyList<Migration> For(string engine)
    {
        var folder = $"{ResourcePrefix}{engine}/";
        return Assembly.GetManifestResourceNames()
            .Select(resource => (Resource: resource, Name: resource.Replace('\\', '/')))
            .Where(r => r.Name.StartsWith(folder, StringComparison.Ordinal) && r.Name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => Load(r.Resource, r.Name[folder.Length..^".sql".Length]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Every set's scripts for <paramref name="engine"/>, merged in version order.</summary>
    /// <exception cref="InvalidOperationException">The engine has no scripts, or two scripts share a version.</exception>
    public static IReadOnlyList<Migration> Merge(IEnumerable<MigrationSet> sets, string engine)
    {
        // The same set registered twice is applied once; two different sets claiming one version is an error.
        var distinct = sets.Distinct().ToList();
        var all = distinct.SelectMany(set => set.For(engine).Select(m => (Set: set, Migration: m))).ToList();
        if (all.All(m => m.Set != Engine))
            throw new InvalidOperationException($"No embedded migrations for engine '{engine}'.");
        var duplicate = all.GroupBy(m => m.Migration.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Two {engine} migrations share version {duplicate.Key} ({string.Join(", ", duplicate.Select(d => $"{d.Set.Owner}: {d.Migration.Name}"))}).");
        return all.Select(m => m.Migration).OrderBy(m => m.Version).ToList();
    }

    private Migration Load(string resource, string fileName)
    {
        var separator = fileName.IndexOf('_');
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing resource '{resource}'.");
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
