using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Mapping;

/// <summary>SHA-256 (lower-case hex) over a canonical form of the synced fields of a Google event: summary,
/// description, location, start, end, recurrence and the private extended properties. Outbound the engine hashes
/// <c>FinancialEventMapper.ToGoogleEvent(e)</c>, inbound the event Google returns; since Google echoes those
/// fields as written, the echo of our own write hashes equal however late it arrives.</summary>
/// <remarks>Canonical form: fixed field order; instants as UTC ("O" format) so offsets do not matter; time zone
/// only for timed values (Google ignores it on dates); CRLF normalised to LF; private properties sorted by ordinal
/// key. Server-owned fields (etag, updated, sequence, htmlLink...) and colorId (derived from type/status, which
/// are hashed via the properties) are left out.</remarks>
internal static class EventContentHash
{
    public static string Compute(GoogleEvent googleEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(Normalize(googleEvent.Summary));
            writer.WriteStringValue(Normalize(googleEvent.Description));
            writer.WriteStringValue(Normalize(googleEvent.Location));
            WriteTime(writer, googleEvent.Start);
            WriteTime(writer, googleEvent.End);
            writer.WriteStartArray();
            foreach (var line in googleEvent.Recurrence ?? [])
            {
                writer.WriteStringValue(line.Trim());
            }

            writer.WriteEndArray();
            writer.WriteStartArray();
            foreach (var (key, value) in (googleEvent.ExtendedProperties?.Private ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStringValue(key);
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteTime(Utf8JsonWriter writer, EventDateTime? time)
    {
        if (time?.Date is { } date)
        {
            writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (time?.DateTime is { } instant)
        {
            writer.WriteStringValue(instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + " " + time.TimeZone);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string? Normalize(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);
}
