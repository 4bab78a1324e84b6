using OrleansEval.Grains.Slices;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Rows;
using OrleansEval.Sketches.Binning;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Queries;

/// <summary>
/// The performance of numeric-bin slices computed from kept rows: the comparison a baseline's own series cannot give
/// from its slice grains, because its records arrived before the bins that cut them existed. Each row is counted in the
/// bin of each numeric feature under the model's slice bins, as <see cref="SliceRouter"/> would have routed it.
/// </summary>
internal static class RowBinPerformance
{
    /// <summary>True when <paramref name="slice"/> names a numeric bin (<c>temp_max in [9.4, 16.1)</c>).</summary>
    public static bool IsNumericBin(string slice) => SliceKey.FromApiId(slice) is { Column: not null } key && key.Member.StartsWith('[');

    /// <summary>
    /// The realised performance of every numeric-bin slice the rows fall in, by slice name; the rows read, and whether
    /// they were a sample. Each answer spans the model's buckets from the first row read to the last, so it depends on
    /// the rows, not on the window asked (which may end now).
    /// </summary>
    public static async Task<(Dictionary<string, SlicePerformance> Slices, long Rows, bool Sampled)> ReadAsync(IAsyncEnumerable<RowBlock> rows, ModelSnapshot snapshot)
    {
        var definition = snapshot.Definition;
        var bins = snapshot.SliceBins
            .Select(b => (b.Column, Edges: new BinEdges(b.CutPoints)))
            .Select(b => (b.Column, b.Edges, Slices: Enumerable.Range(0, b.Edges.BinCount)
                .Select(bin => $"{b.Column} in {SliceCondition.Interval(b.Edges.Lower(bin) ?? double.NegativeInfinity, b.Edges.Upper(bin) ?? double.PositiveInfinity)}")
                .ToArray()))
            .ToList();
        var buckets = new Dictionary<string, SliceBucket>(StringComparer.Ordinal);
        long read = 0;
        var sampled = false;
        var (first, last) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        await foreach (var block in rows)
        {
            read += block.Count;
            sampled |= block.Sampled;
            foreach (var timestamp in block.Timestamps)
            {
                (first, last) = (timestamp < first ? timestamp : first, timestamp > last ? timestamp : last);
            }

            foreach (var (column, edges, names) in bins)
            {
                var values = block.Features.FirstOrDefault(f => f.Name == column)?.Numbers ?? [];
                for (var row = 0; row < block.Count && !values.IsDefaultOrEmpty; row++)
                {
                    if (!double.IsNaN(values[row]))
                    {
                        var slice = names[edges.BinOf(values[row])];
                        Count(buckets.TryGetValue(slice, out var bucket) ? bucket : buckets[slice] = new SliceBucket(), block, row, definition);
                    }
                }
            }
        }

        var span = read == 0 ? null : TimeWindow.Snap(first, last.AddTicks(1), definition.Bucket);
        var slices = buckets.ToDictionary(
            pair => pair.Key,
            pair => new SlicePerformance(
                pair.Key,
                span!.From,
                span.To,
                pair.Value.Predictions,
                pair.Value.Labelled,
                SliceMetrics.Realised(pair.Value),
                MetricSet.Empty,
                pair.Value.ScoreHistogram.Any(c => c > 0) ? [.. pair.Value.ScoreHistogram] : [],
                SliceMetrics.Calibration(pair.Value)),
            StringComparer.Ordinal);
        return (slices, read, sampled);
    }

    private static void Count(SliceBucket bucket, RowBlock block, int row, ModelDefinition definition)
    {
        var score = block.Scores[row];
        bucket.AddPrediction(score, null, definition.Threshold);
        var predicted = definition.PredictedLabel(block.PredictedLabels[row], score);
        var labelled = definition.Task == ModelTask.Regression
            ? !double.IsNaN(block.ActualValues[row]) && !double.IsNaN(block.PredictedValues[row])
            : block.ActualLabels[row] is not null && predicted is not null;
        if (labelled)
        {
            bucket.AddOutcome(definition.Task, definition.PositiveLabel, score, predicted, block.PredictedValues[row], block.ActualLabels[row], block.ActualValues[row], 1);
        }
    }
}
