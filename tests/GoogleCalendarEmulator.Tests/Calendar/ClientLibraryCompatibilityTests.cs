using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Calendar;

/// <summary>What Google's own client libraries send besides the documented fields: gzip-compressed request bodies
/// (the .NET client's GZipEnabled default, Java's GZipContent) and the standard query parameters
/// (alt, prettyPrint, fields, quotaUser) that every method accepts.</summary>
public sealed class ClientLibraryCompatibilityTests : CalendarApiTestBase
{
    [Fact]
    public async Task Gzip_compressed_insert_body_is_accepted()
    {
        var json = """{"summary":"Rent due","start":{"date":"2026-12-01"},"end":{"date":"2026-12-02"}}""";
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await Api.Http.PostAsync("calendar/v3/calendars/primary/events?alt=json&prettyPrint=false", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ev = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Rent due", (string?)ev["summary"]);
    }

    [Fact]
    public async Task Corrupt_gzip_body_is_a_google_parse_error_not_a_crash()
    {
        var content = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await Api.Http.PostAsync("calendar/v3/calendars/primary/events", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(400, (int?)error["code"]);
    }

    [Fact]
    public async Task Standard_query_parameters_are_accepted_on_list()
    {
        var response = await Api.ListAsync("alt=json&prettyPrint=false&quotaUser=abc&fields=items(id,summary),nextSyncToken");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("calendar#events", (string?)response.Json!["kind"]);
    }
}
