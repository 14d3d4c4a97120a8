using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Model;

/// <summary>How a conflict was detected; recorded as <c>detectedBy</c> in the audit row's conflict details.</summary>
internal enum ConflictCause
{
    /// <summary>An incoming Google change found an unsynced wallet edit.</summary>
    BothChanged,
    /// <summary>Google deleted an event the wallet has edited since the last sync.</summary>
    RemoteDeleted,
    /// <summary>An update's If-Match failed (412): Google changed the event since our last sync.</summary>
    [JsonStringEnumMemberName("if_match_412")]
    IfMatch412,
    /// <summary>A delete's If-Match failed (412): the wallet deleted an event Google has edited since.</summary>
    [JsonStringEnumMemberName("delete_if_match_412")]
    DeleteIfMatch412,
}
