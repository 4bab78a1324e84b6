using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.Performance;

namespace OrleansEval.Gateway.Performance;

/// <summary>
/// Writes performance answers: metrics as plain numbers (null where undefined), with the reason for every null under
/// "undefined" and the bound of every metric that came from a summary under "bounds".
/// </summary>
internal static class PerformanceJson
{
    public static byte[] Write(PerformanceReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", report.ModelId);
            json.WriteString("version", report.Version);
            json.WriteString("environment", report.Environment);
            WriteBody(json, report.Total);
            json.WriteStartArray("series");
            foreach (var point in report.Series)
            {
                json.WriteStartObject();
                WriteBody(json, point);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Write(SliceListing listing)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", listing.ModelId);
            json.WriteString("version", listing.Version);
            json.WriteString("environment", listing.Environment);
            json.WriteWindow(listing.From, listing.To);
            if (listing.BaselineRows is { } rows)
            {
                json.WriteStartObject("baselineRows");
                json.WriteNumber("rows", rows);
                json.WriteBoolean("sampled", listing.BaselineRowsSampled);
                json.WriteEndObject();
            }

            json.WriteStartArray("slices");
            foreach (var status in listing.Slices)
            {
                json.WriteStartObject();
                WriteBody(json, status.Current, window: false);
                json.WriteString("headlineMetric", status.HeadlineMetric);
                json.WriteNumberOrNull("change", status.Change);
                json.WriteBoolean("degraded", status.Degraded);
                json.WriteNumberOrNull("predictionPsi", status.PredictionPsi);
                json.WriteBoolean("predictionDrifted", status.PredictionDrifted);
                if (status.Backfill is { } backfill)
                {
                    json.WritePropertyName("backfill");
                    Slices.BackfillJson.Write(json, backfill);
                }

                if (status.Baseline is { } baseline)
                {
                    json.WriteStartObject("baseline");
                    WriteBody(json, baseline);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("baseline");
                    json.WriteString("baselineMissing", status.BaselineMissing);
                }

                if (status.ChangeMissing is not null)
                {
                    json.WriteString("changeMissing", status.ChangeMissing);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteBody(Utf8JsonWriter json, SlicePerformance performance, bool window = true)
    {
        json.WriteString("slice", performance.Slice);
        if (window)
        {
            json.WriteWindow(performance.From, performance.To);
        }

        json.WriteNumber("predictions", performance.Predictions);
        json.WriteNumber("labelled", performance.Labelled);
        json.WriteNumberOrNull("labelledShare", performance.Predictions == 0 ? null : (double)performance.Labelled / performance.Predictions);
        WriteMetrics(json, "realised", performance.Realised);
        if (!performance.Calibration.IsDefaultOrEmpty)
        {
            json.WriteStartArray("calibration");
            foreach (var point in performance.Calibration)
            {
                json.WriteStartObject();
                json.WriteNumber("lower", point.Lower);
                json.WriteNumber("upper", point.Upper);
                json.WriteNumber("count", point.Count);
                json.WriteNumberOrNull("meanScore", point.MeanScore);
                json.WriteNumberOrNull("observedPositiveRate", point.ObservedPositiveRate);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteMetrics(json, "estimated", performance.Estimated);
        json.WriteStartObject("undefined");
        foreach (var (group, set) in new[] { ("realised", performance.Realised), ("estimated", performance.Estimated) })
        {
            foreach (var (name, value) in set.Metrics)
            {
                if (value.Value is null && value.Reason is not null)
                {
                    json.WriteString($"{group}.{name}", value.Reason);
                }
            }
        }

        json.WriteEndObject();
        json.WriteStartObject("bounds");
        foreach (var (group, set) in new[] { ("realised", performance.Realised), ("estimated", performance.Estimated) })
        {
            foreach (var (name, value) in set.Metrics)
            {
                if (value.Bound > 0)
                {
                    json.WriteNumber($"{group}.{name}", value.Bound);
                }
            }
        }

        json.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter json, string name, MetricSet metrics)
    {
        json.WriteStartObject(name);
        foreach (var (metric, value) in metrics.Metrics)
        {
            json.WriteNumberOrNull(metric, value.Value);
        }

        json.WriteEndObject();
    }
}
