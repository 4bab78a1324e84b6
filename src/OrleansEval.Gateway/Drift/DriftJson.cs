using System.Buffers;
using System.Text.Json;
using OrleansEval.Drift;
using OrleansEval.Gateway.Models;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// Writes a drift report in the API's shape: features as a list, the prediction and actual columns as objects keyed
/// by their part ("score", "label", "value"). Undefined measures are written as null, never as NaN.
/// </summary>
internal static class DriftJson
{
    public static byte[] Write(DriftReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", report.ModelId);
            json.WriteString("baseline", report.Baseline);
            json.WriteString("version", report.Version);
            json.WriteString("environment", report.Environment);
            json.WriteStartObject("window");
            json.WriteString("from", report.Window.From.UtcDateTime);
            json.WriteString("to", report.Window.To.UtcDateTime);
            json.WriteEndObject();
            json.WriteNumber("count", report.Count);
            json.WriteStartArray("features");
            foreach (var column in report.Features)
            {
                WriteColumn(json, column, column.Name);
            }

            json.WriteEndArray();
            WriteColumnGroup(json, "prediction", report.Prediction);
            WriteColumnGroup(json, "actual", report.Actual);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteColumnGroup(Utf8JsonWriter json, string group, IEnumerable<ColumnDrift> columns)
    {
        json.WriteStartObject(group);
        foreach (var column in columns)
        {
            var part = column.Name[(column.Name.LastIndexOf('.') + 1)..];
            json.WritePropertyName(part);
            WriteColumn(json, column, part);
        }

        json.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter json, ColumnDrift column, string name)
    {
        var numeric = column.Type == FeatureType.Numeric;
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", WireNames.Of(column.Type));
        json.WriteNumber("count", column.Count);
        json.WriteNumber("missing", column.Missing);
        Number(json, "psi", column.Psi);
        Number(json, "klDivergence", column.KlDivergence);
        Number(json, "jsDistance", column.JsDistance);
        Number(json, "jsDivergence", column.JsDivergence);
        Number(json, "hellinger", column.Hellinger);
        Number(json, "lInfinity", column.LInfinity);
        Number(json, "totalVariation", column.TotalVariation);
        if (column.ChiSquare is { } chi)
        {
            json.WriteStartObject("chiSquare");
            Number(json, "statistic", chi.Statistic);
            Number(json, "pValue", chi.PValue);
            json.WriteNumber("dof", chi.Dof);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("chiSquare");
        }

        if (numeric)
        {
            if (column.Ks is { } ks)
            {
                json.WriteStartObject("ks");
                Number(json, "statistic", ks.Statistic);
                Number(json, "pValue", ks.PValue);
                json.WriteString("method", ks.Method);
                json.WriteBoolean("approximate", ks.Approximate);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("ks");
            }

            Number(json, "wasserstein", column.Wasserstein);
            Number(json, "wassersteinNormed", column.WassersteinNormed);
            Number(json, "mean", column.Mean);
        }

        json.WriteStartArray("bins");
        foreach (var bin in column.Bins)
        {
            json.WriteStartObject();
            if (numeric)
            {
                Number(json, "lower", bin.Lower);
                Number(json, "upper", bin.Upper);
            }
            else if (bin.Category is null)
            {
                json.WriteNull("category");
                json.WriteBoolean("missing", true);
            }
            else
            {
                json.WriteString("category", bin.Category);
            }

            Number(json, "baseline", bin.Baseline);
            Number(json, "current", bin.Current);
            Number(json, "baselineCount", bin.BaselineCount);
            Number(json, "currentCount", bin.CurrentCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("drifted", column.Drifted);
        json.WriteString("measure", column.Measure);
        json.WriteNumber("threshold", column.Threshold);
        json.WriteBoolean("approximate", column.Approximate);
        if (column.Note is not null)
        {
            json.WriteString("note", column.Note);
        }

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
