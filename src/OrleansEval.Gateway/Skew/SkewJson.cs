using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.Models;
using OrleansEval.Skew;

namespace OrleansEval.Gateway.Skew;

/// <summary>Writes the skew answer: both sides, the joined ids, and every feature with its mismatches and examples.</summary>
internal static class SkewJson
{
    public static byte[] Write(string modelId, SkewReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", modelId);
            WriteSide(json, "reference", report.Reference, report.ReferenceRows);
            WriteSide(json, "current", report.Current, report.CurrentRows);
            json.WriteNumber("joined", report.Joined);
            json.WriteNumber("tolerance", report.Tolerance);
            json.WriteBoolean("sampled", report.Sampled);
            if (report.Reason is not null)
            {
                json.WriteString("reason", report.Reason);
            }

            json.WriteStartArray("features");
            foreach (var feature in report.Features)
            {
                WriteFeature(json, feature);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSide(Utf8JsonWriter json, string name, SeriesId series, long rows)
    {
        json.WriteStartObject(name);
        json.WriteString("version", series.Version);
        json.WriteString("environment", series.Environment);
        json.WriteNumber("rows", rows);
        json.WriteEndObject();
    }

    private static void WriteFeature(Utf8JsonWriter json, FeatureSkew feature)
    {
        json.WriteStartObject();
        json.WriteString("name", feature.Name);
        json.WriteString("type", feature.Type);
        json.WriteNumber("compared", feature.Compared);
        json.WriteNumber("mismatched", feature.Mismatched);
        json.WriteNumberOrNull("mismatchRate", feature.MismatchRate);
        json.WriteNumberOrNull("meanAbsDifference", feature.MeanAbsDifference);
        json.WriteNumberOrNull("maxAbsDifference", feature.MaxAbsDifference);
        json.WriteStartArray("examples");
        foreach (var example in feature.Examples)
        {
            json.WriteStartObject();
            json.WriteString("predictionId", example.PredictionId);
            json.WriteString("reference", example.Reference);
            json.WriteString("current", example.Current);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
