using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
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
            json.WriteWindow(report.Window.From, report.Window.To);
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
        json.WriteNumber("typeErrors", column.TypeErrors);
        json.WriteNumberOrNull("missingRate", column.MissingRate);
        json.WriteNumberOrNull("typeErrorRate", column.TypeErrorRate);
        if (numeric)
        {
            json.WriteNumberOrNull("outOfRangeRate", column.OutOfRangeRate);
        }
        else
        {
            json.WriteNumberOrNull("unseenCategoryRate", column.UnseenCategoryRate);
        }

        json.WriteNumberOrNull("psi", column.Psi);
        json.WriteNumberOrNull("klDivergence", column.KlDivergence);
        json.WriteNumberOrNull("jsDistance", column.JsDistance);
        json.WriteNumberOrNull("jsDivergence", column.JsDivergence);
        json.WriteNumberOrNull("hellinger", column.Hellinger);
        json.WriteNumberOrNull("lInfinity", column.LInfinity);
        json.WriteNumberOrNull("totalVariation", column.TotalVariation);
        if (column.ChiSquare is { } chi)
        {
            json.WriteStartObject("chiSquare");
            json.WriteNumberOrNull("statistic", chi.Statistic);
            json.WriteNumberOrNull("pValue", chi.PValue);
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
                json.WriteNumberOrNull("statistic", ks.Statistic);
                json.WriteNumberOrNull("pValue", ks.PValue);
                json.WriteString("method", ks.Method);
                json.WriteBoolean("approximate", ks.Approximate);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("ks");
            }

            json.WriteNumberOrNull("wasserstein", column.Wasserstein);
            json.WriteNumberOrNull("wassersteinNormed", column.WassersteinNormed);
            json.WriteNumberOrNull("mean", column.Mean);
        }

        json.WriteStartArray("bins");
        foreach (var bin in column.Bins)
        {
            json.WriteStartObject();
            if (numeric)
            {
                json.WriteNumberOrNull("lower", bin.Lower);
                json.WriteNumberOrNull("upper", bin.Upper);
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

            json.WriteNumberOrNull("baseline", bin.Baseline);
            json.WriteNumberOrNull("current", bin.Current);
            json.WriteNumberOrNull("baselineCount", bin.BaselineCount);
            json.WriteNumberOrNull("currentCount", bin.CurrentCount);
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
}
