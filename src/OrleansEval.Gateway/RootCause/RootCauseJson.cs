using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.Models;
using OrleansEval.RootCause;

namespace OrleansEval.Gateway.RootCause;

/// <summary>Writes the root-cause answer: both sides, the change, each feature with its bins, the outputs' drift and the gaps.</summary>
internal static class RootCauseJson
{
    public static byte[] Write(string modelId, RootCauseReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", modelId);
            json.WriteString("metric", report.Metric);
            json.WriteString("from", report.From.UtcDateTime);
            json.WriteString("to", report.To.UtcDateTime);
            json.WriteString("source", report.Source);
            if (report.Approximate)
            {
                json.WriteBoolean("approximate", true);
            }

            WriteSelection(json, report);
            WriteSides(json, report.Baseline, report.Current);
            json.WriteNumberOrNull("change", report.Change);
            if (report.FailureMode is { } mode)
            {
                RootCauseFailureJson.Write(json, mode);
            }

            json.WriteStartArray("features");
            foreach (var feature in report.Features)
            {
                WriteFeature(json, feature);
            }

            json.WriteEndArray();
            WriteOutput(json, "prediction", report.Prediction);
            WriteOutput(json, "actual", report.Actual);
            WriteGaps(json, report);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSelection(Utf8JsonWriter json, RootCauseReport report)
    {
        if (report.Slice is { } slice)
        {
            json.WriteString("slice", slice);
        }

        if (!report.Conditions.IsEmpty)
        {
            json.WriteStartArray("conditions");
            foreach (var condition in report.Conditions)
            {
                json.WriteStringValue(condition.ToString());
            }

            json.WriteEndArray();
        }
    }

    /// <summary>Writes the <c>baseline</c> and <c>current</c> sides of a root-cause or recommendation answer.</summary>
    internal static void WriteSides(Utf8JsonWriter json, RootCauseBaseline baseline, RootCauseCurrent current)
    {
        json.WriteStartObject("baseline");
        json.WriteString("name", baseline.Name);
        json.WriteNumberOrNull("value", baseline.Value);
        json.WriteNumber("labelled", baseline.Labelled);
        json.WriteNumber("rows", baseline.Rows);
        if (baseline.Source is { } source)
        {
            json.WriteString("source", source);
        }

        if (baseline.SourceNote is { } note)
        {
            json.WriteString("sourceNote", note);
        }

        json.WriteEndObject();
        json.WriteStartObject("current");
        json.WriteNumberOrNull("value", current.Value);
        json.WriteNumber("labelled", current.Labelled);
        json.WriteNumber("rows", current.Rows);
        if (current.Estimated is { } estimated)
        {
            json.WriteNumber("estimated", estimated);
        }

        json.WriteEndObject();
    }

    private static void WriteFeature(Utf8JsonWriter json, FeatureContribution feature)
    {
        json.WriteStartObject();
        json.WriteString("name", feature.Name);
        json.WriteString("type", feature.Type == FeatureType.Numeric ? "numeric" : "categorical");
        WriteDrift(json, feature.Drift);
        json.WriteNumberOrNull("mix", feature.Mix);
        json.WriteNumberOrNull("within", feature.Within);
        json.WriteNumberOrNull("driftImpact", feature.DriftImpact);
        json.WriteNumberOrNull("baselineMissingRate", feature.BaselineMissingRate);
        json.WriteNumberOrNull("currentMissingRate", feature.CurrentMissingRate);
        if (feature.Type == FeatureType.Numeric)
        {
            json.WriteNumberOrNull("outOfRangeRate", feature.OutOfRangeRate);
        }
        else
        {
            json.WriteNumberOrNull("unseenCategoryRate", feature.UnseenCategoryRate);
        }

        json.WriteStartArray("bins");
        foreach (var bin in feature.Bins)
        {
            WriteBin(json, feature.Type, bin);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBin(Utf8JsonWriter json, FeatureType type, BinContribution bin)
    {
        json.WriteStartObject();
        if (type == FeatureType.Categorical || bin.Missing)
        {
            json.WriteString("category", bin.Category);
        }

        if (type == FeatureType.Numeric)
        {
            json.WriteNumberOrNull("lower", bin.Lower);
            json.WriteNumberOrNull("upper", bin.Upper);
        }

        if (bin.Missing)
        {
            json.WriteBoolean("missing", true);
        }

        json.WriteNumberOrNull("baselineShare", bin.BaselineShare);
        json.WriteNumberOrNull("currentShare", bin.CurrentShare);
        json.WriteNumberOrNull("rowShare", bin.RowShare);
        json.WriteNumber("labelledBaseline", bin.LabelledBaseline);
        json.WriteNumber("labelledCurrent", bin.LabelledCurrent);
        json.WriteNumber("rowsCurrent", bin.RowsCurrent);
        json.WriteNumberOrNull("baselineMetric", bin.BaselineMetric);
        json.WriteNumberOrNull("currentMetric", bin.CurrentMetric);
        json.WriteNumberOrNull("mix", bin.Mix);
        json.WriteNumberOrNull("within", bin.Within);
        json.WriteNumberOrNull("driftImpact", bin.DriftImpact);
        json.WriteEndObject();
    }

    private static void WriteDrift(Utf8JsonWriter json, DriftSummary? drift)
    {
        if (drift is null)
        {
            json.WriteNull("drift");
            return;
        }

        json.WriteStartObject("drift");
        json.WriteString("measure", drift.Measure);
        json.WriteNumberOrNull("value", drift.Value);
        json.WriteBoolean("drifted", drift.Drifted);
        json.WriteEndObject();
    }

    private static void WriteOutput(Utf8JsonWriter json, string name, OutputDrift? output)
    {
        if (output is null)
        {
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("column", output.Column);
        WriteDrift(json, output.Drift);
        if (output.Reason is { } reason)
        {
            json.WriteString("reason", reason);
        }

        json.WriteEndObject();
    }

    private static void WriteGaps(Utf8JsonWriter json, RootCauseReport report)
    {
        json.WriteStartArray("gaps");
        foreach (var gap in report.Gaps)
        {
            json.WriteStartObject();
            json.WriteString("part", gap.Part);
            json.WriteString("reason", gap.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
