using System.Diagnostics;
using System.Globalization;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Hosting;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Benchmarks;

/// <summary>
/// Where a column grain's drift answer for one numeric column spends its time, stage by stage, with the service's
/// default settings: a baseline frozen from 20,000 lognormal values (exact, 10 bins), and a window of hourly buckets
/// that counted their values on the baseline's bins, held as their stored bytes (cold, as after the first persist
/// interval). Each stage is timed alone, the median of many runs after a warm-up; the last rows time the whole answer
/// as the grain computes it, with the reference sample read for every answer and taken from the cache.
/// </summary>
internal static class DriftAnswerStages
{
    private const int ReferenceValues = 20_000;
    private const string CounterKey = "reference#1";

    private static readonly OrleansEvalOptions Options = new();
    private static readonly ColumnSettings Settings = ColumnSettings.From(Options);

    public static void Print(TextWriter output, int hours, int perHour, int runs)
    {
        var random = new Random(7);
        var reference = Reference(random);
        var edges = new BinEdges(reference.CutPoints);
        var baselines = new Dictionary<string, BinEdges>(StringComparer.Ordinal) { [CounterKey] = edges };
        var stored = Enumerable.Range(0, hours).Select(_ => Bucket(random, perHour, baselines).Serialize()).ToArray();
        var request = new ColumnDriftRequest(CounterKey, reference, new TimeWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(hours)), DriftPolicy.Default);
        var buckets = stored.Select(ColumnBucket.Deserialize).ToList();
        var merged = WindowMerge.MergeNumeric(buckets, CounterKey, Settings.QuantileK, Settings.WindowExactCapacity);
        var sample = ReferenceSample.Read(reference.Sketch);
        var view = merged.Sketch.GetSortedView();
        var cache = new ReferenceSampleCache();
        var inputs = new DriftInputs(DriftFeatureKind.Numeric, reference.Counts.AsMemory(), merged.ExactBinCounts, sample.View, view, reference.StandardDeviation,
            new DriftOptions(new KolmogorovSmirnovOptions(ExactCellBudget: Options.KsExactCellBudget)), samplesApproximate: !sample.IsExact || !merged.Sketch.IsExact);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one numeric column: {hours} hourly buckets of {perHour} values ({merged.Sketch.Count:N0} in the window, exact: {merged.Sketch.IsExact}), " +
            $"baseline of {ReferenceValues:N0} values ({reference.Sketch.Length:N0} bytes); median of {runs} runs"));
        Row(output, runs, "read the buckets back from their bytes", () => stored.Select(ColumnBucket.Deserialize).ToList());
        Row(output, runs, "merge the buckets (sketch, moments, counters)", () => WindowMerge.MergeNumeric(buckets, CounterKey, Settings.QuantileK, Settings.WindowExactCapacity));
        Row(output, runs, "sort the window's sketch (its view)", () => merged.Sketch.GetSortedView());
        Row(output, runs, "read and sort the reference sketch", () => ReferenceSample.Read(reference.Sketch));
        Row(output, runs, "the reference sample from the cache", () => cache.For("model", CounterKey, reference));
        Row(output, runs, "every drift measure", () => DriftCalculator.Compute(inputs));
        Row(output, runs, "whole answer, reference read each time", () => ColumnDriftCalculator.Calculate("x", stored.Select(ColumnBucket.Deserialize), request, Settings, Options.KsExactCellBudget, r => ReferenceSample.Read(r.Sketch)));
        Row(output, runs, "whole answer, reference from the cache", () => ColumnDriftCalculator.Calculate("x", stored.Select(ColumnBucket.Deserialize), request, Settings, Options.KsExactCellBudget, r => cache.For("model", CounterKey, r)));
    }

    private static void Row(TextWriter output, int runs, string stage, Func<object> run)
    {
        for (var i = 0; i < 5; i++)
        {
            GC.KeepAlive(run());
        }

        var microseconds = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(run());
            microseconds[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(microseconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-45} {microseconds[runs / 2],10:N0} µs"));
    }

    private static BaselineColumn Reference(Random random)
    {
        var values = Enumerable.Range(0, ReferenceValues).Select(_ => Lognormal(random)).ToArray();
        var sketch = new KllSketch(Settings.QuantileK, Options.BaselineExactCapacity);
        var moments = new RunningMoments();
        foreach (var value in values)
        {
            sketch.Update(value);
            moments.Update(value);
        }

        var edges = BinEdges.FromQuantiles(values, 10);
        return new BaselineColumn
        {
            Column = "x",
            Type = FeatureType.Numeric,
            CutPoints = [.. edges.CutPoints],
            Counts = [.. sketch.BinCounts(edges.CutPoints)],
            Count = values.Length,
            Sketch = [.. sketch.Serialize()],
            StandardDeviation = moments.StandardDeviation,
            Mean = moments.Mean,
            Min = moments.Min,
            Max = moments.Max,
        };
    }

    private static NumericBucket Bucket(Random random, int values, IReadOnlyDictionary<string, BinEdges> baselines)
    {
        var bucket = NumericBucket.Create(Settings, baselines, Settings.BucketExactCapacity);
        for (var i = 0; i < values; i++)
        {
            bucket.Add(Lognormal(random) * 1.05, baselines);
        }

        return bucket;
    }

    private static double Lognormal(Random random) =>
        Math.Round(Math.Exp(3.8 + (0.9 * Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()))), 2);
}
