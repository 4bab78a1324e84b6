using System.Buffers;
using System.Text.Json;
using OrleansEval.Compare;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Compare;

/// <summary>Writes the comparison answer: the paired rows, every slice's values and tests, and the advice.</summary>
internal static class CompareJson
{
    public static byte[] Write(string modelId, ComparisonReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", modelId);
            json.WriteString("from", report.From.UtcDateTime);
            json.WriteString("to", report.To.UtcDateTime);
            json.WriteString("metric", report.Metric);
            json.WriteStartArray("versions");
            foreach (var version in report.Versions)
            {
                json.WriteStringValue(version);
            }

            json.WriteEndArray();
            json.WriteNumber("paired", report.Paired);
            json.WriteStartObject("unpaired");
            for (var k = 0; k < report.Versions.Length; k++)
            {
                json.WriteNumber(report.Versions[k], report.Unpaired[k]);
            }

            json.WriteEndObject();
            json.WriteBoolean("sampled", report.Sampled);
            json.WriteNumber("minSize", report.MinSize);
            if (report.Reason is not null)
            {
                json.WriteString("reason", report.Reason);
            }

            json.WriteStartArray("slices");
            foreach (var slice in report.Slices)
            {
                WriteSlice(json, report, slice);
            }

            json.WriteEndArray();
            WriteAdvice(json, report.Advice);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSlice(Utf8JsonWriter json, ComparisonReport report, ComparedSlice slice)
    {
        json.WriteStartObject();
        json.WriteString("slice", slice.Slice);
        json.WriteString("kind", slice.Kind);
        json.WriteNumber("n", slice.Rows);
        json.WriteStartObject("values");
        for (var k = 0; k < report.Versions.Length; k++)
        {
            json.WriteNumberOrNull(report.Versions[k], slice.Values[k]);
        }

        json.WriteEndObject();
        json.WriteStartArray("tests");
        foreach (var test in slice.Tests)
        {
            json.WriteStartObject();
            json.WriteString("version", test.Version);
            json.WriteNumberOrNull("delta", test.Delta);
            json.WriteString("test", test.Test);
            json.WriteNumberOrNull("statistic", test.Statistic);
            json.WriteNumber("pValue", test.PValue);
            json.WriteNumber("qValue", test.QValue);
            if (test.Test.StartsWith("mcnemar", StringComparison.Ordinal))
            {
                json.WriteStartArray("discordant");
                json.WriteNumberValue(test.OnlyChampionRight);
                json.WriteNumberValue(test.OnlyCandidateRight);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("winner", slice.Winner);

        json.WriteEndObject();
    }

    private static void WriteAdvice(Utf8JsonWriter json, PromotionAdvice? advice)
    {
        if (advice is null)
        {
            json.WriteNull("recommendation");
            return;
        }

        json.WriteStartObject("recommendation");
        json.WriteString("promote", advice.Promote);
        json.WriteString("because", advice.Because);
        WriteVerdicts(json, "betterIn", advice.BetterIn);
        WriteVerdicts(json, "worseIn", advice.WorseIn);
        json.WriteEndObject();
    }

    private static void WriteVerdicts(Utf8JsonWriter json, string name, IEnumerable<SliceVerdict> verdicts)
    {
        json.WriteStartArray(name);
        foreach (var verdict in verdicts)
        {
            json.WriteStartObject();
            json.WriteString("slice", verdict.Slice);
            json.WriteNumber("n", verdict.Rows);
            json.WriteNumber("delta", verdict.Delta);
            json.WriteNumber("qValue", verdict.QValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
