using System.Globalization;
using System.Reflection;

namespace Aegis.CalendarSync.Store.Migrations;

/// <summary>Loads the migration scripts embedded under the logical name <c>Aegis.Migrations.{Engine}/NNNN_name.sql</c>.</summary>
internal static class MigrationCatalog
{
    private const string Prefix = "Aegis.Migrations.";

    public static IReadOnlyList<Migration> For(string engine)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var folder = $"{Prefix}{engine}/";
        var migrations = assembly.GetManifestResourceNames()
            .Select(resource => (Resource: resource, Name: resource.Replace('\\', '/')))
            .Where(r => r.Name.StartsWith(folder, StringComparison.Ordinal) && r.Name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => Load(assembly, r.Resource, r.Name[folder.Length..^".sql".Length]))
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0)
            throw new InvalidOperationException($"No embedded migrations for engine '{engine}'.");
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two {engine} migrations share version {duplicate.Key}.");
        return migrations;
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_');
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing resource '{resource}'.");
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
