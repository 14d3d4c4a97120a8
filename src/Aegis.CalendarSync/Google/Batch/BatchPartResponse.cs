using System.Net;

namespace Aegis.CalendarSync.Google.Batch;

/// <summary>One nested HTTP response of a batch answer.</summary>
internal sealed record BatchPartResponse(string? ContentId, HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body);
