using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Aegis.CalendarSync.Server.Tests.OpenApi;

/// <summary>The served OpenAPI document describes every API route with its responses, and equals the committed copy
/// (docs/openapi/v1.json). After an intended API change regenerate the copy with
/// <c>AEGIS_UPDATE_OPENAPI=1 dotnet test tests/Aegis.CalendarSync.Server.Tests --filter FullyQualifiedName~OpenApiDocumentTests</c>.</summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    private TestServerHost _server = null!;

    public async Task InitializeAsync() => _server = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Document_lists_every_api_route_with_its_responses()
    {
        var document = await ServedDocumentAsync();
        var paths = document["paths"]!.AsObject();
        var routes = ApiRoutes().ToList();
        Assert.NotEmpty(routes);

        foreach (var (method, path) in routes)
        {
            Assert.True(paths.ContainsKey(path), $"{method} {path} is missing from the OpenAPI document");
            var operation = paths[path]![method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is missing from the OpenAPI document");
            var responses = operation!["responses"]?.AsObject();
            Assert.True(responses is { Count: > 0 }, $"{method} {path} documents no responses");
        }
        // Every outcome is in the document, not only the success: typed results, the problems chosen at run time,
        // the JSON body's refusals and the authentication challenge.
        var update = paths["/api/events/{id}"]!["put"]!;
        Assert.Equal(["200", "400", "401", "404", "413", "415"], update["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.NotNull(update["requestBody"]!["content"]!["application/json"]);
        Assert.Equal(["302"], paths["/api/google/auth/start"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).Where(k => k != "401"));
        Assert.True(paths.ContainsKey("/api/webhooks/google-calendar"));
    }

    [Fact]
    public async Task Committed_copy_matches_the_served_document()
    {
        var served = Normalize(await ServedDocumentAsync());
        var copy = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("AEGIS_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            await File.WriteAllTextAsync(copy, served);
        }
        Assert.True(File.Exists(copy), $"{copy} is missing; generate it with AEGIS_UPDATE_OPENAPI=1 (see this class's summary)");
        Assert.True(served == Normalize(JsonNode.Parse(await File.ReadAllTextAsync(copy))!),
            "The API changed but docs/openapi/v1.json was not regenerated: run the tests with AEGIS_UPDATE_OPENAPI=1 "
            + "(see OpenApiDocumentTests) and commit the file.");
    }

    [Fact]
    public async Task Document_is_anonymous_and_the_reference_page_is_development_only()
    {
        using var anonymous = _server.CreateClient();
        Assert.Equal(200, (int)(await anonymous.GetAsync("openapi/v1.json")).StatusCode);
        Assert.NotEqual(200, (int)(await anonymous.GetAsync("scalar")).StatusCode);
    }

    private async Task<JsonNode> ServedDocumentAsync()
    {
        using var anonymous = _server.CreateClient();
        return await (await anonymous.GetAsync("openapi/v1.json")).ReadJsonAsync();
    }

    /// <summary>(method, OpenAPI path) of every routed endpoint under /api or /feeds, route constraints removed
    /// (<c>{id:guid}</c> → <c>{id}</c>).</summary>
    private IEnumerable<(string Method, string Path)> ApiRoutes() =>
        _server.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) || e.Path.StartsWith("/feeds", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, Constraint().Replace(e.Path, "{$1}"))))
            .Distinct();

    private static string Normalize(JsonNode document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aegis.CalendarSync.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Aegis.CalendarSync.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial Regex Constraint();
}
