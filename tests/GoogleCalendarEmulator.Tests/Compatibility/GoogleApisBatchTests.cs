using Google.Apis.Auth.OAuth2;
using Google.Apis.Discovery;
using Google.Apis.Requests;
using Google.Apis.Services;
using Google.Apis.Util;
using GoogleCalendarEmulator.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace GoogleCalendarEmulator.Tests.Compatibility;

/// <summary>Google's own .NET batch implementation (<c>Google.Apis.Requests.BatchRequest</c> of the official Google.Apis
/// client, which this project did not write: it writes the multipart/mixed request and parses the answer) against the
/// emulator's batch endpoint. The service and request classes below only name the Calendar API's paths, as the generated
/// Google.Apis.Calendar.v3 package does (not available here).</summary>
public sealed class GoogleApisBatchTests : CalendarApiTestBase
{
    [Fact]
    public async Task Google_dotnet_BatchRequest_gets_each_calls_own_result_and_error()
    {
        var tokens = await Emulator.Admin.IssueTokensAsync(EmulatorSession.Email);
        using var service = new CalendarService(Emulator.Host.BaseUri, GoogleCredential.FromAccessToken(tokens.AccessToken));
        var results = new List<(int Index, JObject? Content, RequestError? Error, int Status)>();
        var batch = new BatchRequest(service);
        void Collect(JObject? content, RequestError? error, int index, HttpResponseMessage message) =>
            results.Add((index, content, error, (int)message.StatusCode));

        batch.Queue<JObject>(new CalendarCall(service, "POST", "calendars/{calendarId}/events", "primary", Body("googlebatch1")), Collect);
        batch.Queue<JObject>(new CalendarCall(service, "POST", "calendars/{calendarId}/events", "primary", Body("googlebatch1")), Collect);
        batch.Queue<JObject>(new CalendarCall(service, "GET", "calendars/{calendarId}/events/{eventId}", "primary", eventId: "missing01"), Collect);
        batch.Queue<JObject>(new CalendarCall(service, "PATCH", "calendars/{calendarId}/events/{eventId}", "primary", JObject.Parse("""{"summary":"Rent (paid)"}"""), "googlebatch1"), Collect);
        batch.Queue<JObject>(new CalendarCall(service, "DELETE", "calendars/{calendarId}/events/{eventId}", "primary", eventId: "googlebatch1"), Collect);
        await batch.ExecuteAsync();

        var ordered = results.OrderBy(r => r.Index).ToList();
        Assert.Equal([200, 409, 404, 200, 204], ordered.Select(r => r.Status));
        Assert.Equal("googlebatch1", (string?)ordered[0].Content!["id"]);
        Assert.Equal("duplicate", ordered[1].Error!.Errors.Single().Reason);
        Assert.Equal(404, ordered[2].Error!.Code);
        Assert.Equal("Rent (paid)", (string?)ordered[3].Content!["summary"]);
        Assert.Null(ordered[4].Error);
        Assert.Equal("cancelled", (string)(await Api.GetAsync("googlebatch1")).Json!["status"]!);
        Assert.Equal(1, (await Emulator.Admin.GetRequestCountsAsync())["batch"]);
    }

    private static JObject Body(string id) =>
        JObject.Parse($$$"""{"id":"{{{id}}}","summary":"Rent","start":{"date":"2026-12-01"},"end":{"date":"2026-12-02"}}""");

    /// <summary>The Calendar API's root, service path and batch path as in its discovery document, under the emulator's root.</summary>
    private sealed class CalendarService(Uri root, GoogleCredential credential)
        : BaseClientService(new Initializer { HttpClientInitializer = credential, ApplicationName = "emulator-compat" })
    {
        public override string Name => "calendar";
        public override string BaseUri => root + "calendar/v3/";
        public override string BasePath => "calendar/v3/";
        public override string BatchUri => root + "batch/calendar/v3";
        public override string BatchPath => "batch/calendar/v3";
        public override IList<string> Features => [];
    }

    /// <summary>One Calendar API method call, shaped like the generated client's requests.</summary>
    private sealed class CalendarCall : ClientServiceRequest<JObject>
    {
        private readonly JObject? _body;

        public CalendarCall(IClientService service, string httpMethod, string restPath, string calendarId, JObject? body = null, string? eventId = null)
            : base(service)
        {
            HttpMethod = httpMethod;
            RestPath = restPath;
            CalendarId = calendarId;
            EventId = eventId;
            _body = body;
            InitParameters();
        }

        [RequestParameter("calendarId", RequestParameterType.Path)]
        public string CalendarId { get; }

        [RequestParameter("eventId", RequestParameterType.Path)]
        public string? EventId { get; }

        public override string MethodName => HttpMethod.ToLowerInvariant();
        public override string HttpMethod { get; }
        public override string RestPath { get; }

        protected override object? GetBody() => _body;

        protected override void InitParameters()
        {
            base.InitParameters();
            RequestParameters["calendarId"] = new Parameter { Name = "calendarId", IsRequired = true, ParameterType = "path" };
            if (EventId is not null)
            {
                RequestParameters["eventId"] = new Parameter { Name = "eventId", IsRequired = true, ParameterType = "path" };
            }
        }
    }
}
