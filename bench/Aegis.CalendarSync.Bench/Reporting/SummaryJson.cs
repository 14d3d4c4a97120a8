using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Bench.Reporting;

public static class SummaryJson
{
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web)
    {
        // Written to a console and a file, never embedded in HTML: keep '+' and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new RoundingDoubleConverter() },
    };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>One line, for the last line of stdout.</summary>
    public static string ToLine(BenchSummary summary) => JsonSerializer.Serialize(summary, Compact);

    public static async Task WriteFileAsync(BenchSummary summary, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, summary, Indented, ct);
    }

    /// <summary>Four significant digits: the noise on this kind of machine is far larger than that.</summary>
    private sealed class RoundingDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value))
            {
                throw new JsonException($"Non-finite value {value}: a trial measured nothing.");
            }

            if (value == 0)
            {
                writer.WriteNumberValue(0);
                return;
            }

            var digits = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
            writer.WriteNumberValue(Math.Round(value, Math.Min(digits, 15)));
        }
    }
}
