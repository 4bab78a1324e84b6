using System.Collections.Immutable;
using OrleansEval.Baselines;
using OrleansEval.Grains.Hosting;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Grains.Baselines;

/// <summary>
/// Freezes one column of a baseline from its merged summary: the cut points (explicit, or the reference quantiles),
/// the reference count in every bin, and the reference sketch and moments.
/// </summary>
internal sealed class BaselineBuilder(BaselineSpec spec, OrleansEvalOptions options)
{
    public BaselineColumn Build(string column, FeatureType type, ColumnSummary summary) =>
        type == FeatureType.Numeric ? BuildNumeric(column, summary) : BuildCategorical(column, summary);

    private BaselineColumn BuildNumeric(string column, ColumnSummary summary)
    {
        var sketch = summary.QuantileSketch.IsDefaultOrEmpty
            ? new KllSketch(options.QuantileK, options.BaselineExactCapacity)
            : KllSketch.Deserialize(summary.QuantileSketch.AsSpan());
        var moments = summary.Moments.IsDefaultOrEmpty ? new RunningMoments() : RunningMoments.Deserialize(summary.Moments.AsSpan());
        var edges = spec.Edges.TryGetValue(column, out var explicitCuts)
            ? new BinEdges(explicitCuts)
            : CutPoints(sketch, spec.Bins);
        return new BaselineColumn
        {
            Column = column,
            Type = FeatureType.Numeric,
            CutPoints = [.. edges.CutPoints],
            Counts = [.. sketch.BinCounts(edges.CutPoints)],
            Count = summary.Count,
            Missing = summary.Missing,
            Sketch = [.. sketch.Serialize()],
            Mean = moments.IsEmpty ? 0 : moments.Mean,
            StandardDeviation = moments.IsEmpty ? 0 : moments.StandardDeviation,
            Min = moments.IsEmpty ? 0 : moments.Min,
            Max = moments.IsEmpty ? 0 : moments.Max,
            Approximate = !sketch.IsExact,
        };
    }

    private static BaselineColumn BuildCategorical(string column, ColumnSummary summary)
    {
        var counts = summary.CategoryCounts.IsDefaultOrEmpty ? new CategoryCounts() : CategoryCounts.Deserialize(summary.CategoryCounts.AsSpan());
        var sorted = counts.GetSortedCounts();
        return new BaselineColumn
        {
            Column = column,
            Type = FeatureType.Categorical,
            Categories = [.. sorted.Select(c => c.Key)],
            Counts = [.. sorted.Select(c => (double)c.Value)],
            Count = summary.Count,
            Missing = summary.Missing,
            Approximate = !counts.IsExact,
        };
    }

    /// <summary>
    /// Reference quantiles k/bins: from every value when the sketch still holds them all (the exact "linear" definition),
    /// else from the sketch. No cut points for an empty column.
    /// </summary>
    private static BinEdges CutPoints(KllSketch sketch, int bins)
    {
        if (sketch.IsEmpty)
        {
            return new BinEdges([]);
        }

        if (sketch.IsExact)
        {
            var view = sketch.GetSortedView();
            var values = new double[view.TotalWeight];
            var position = 0L;
            for (var i = 0; i < view.Length; i++)
            {
                var end = view.CumulativeWeights[i];
                values.AsSpan((int)position, (int)(end - position)).Fill(view.Values[i]);
                position = end;
            }

            return BinEdges.FromQuantiles(values, bins);
        }

        var cuts = ImmutableArray.CreateBuilder<double>(bins - 1);
        for (var k = 1; k < bins; k++)
        {
            var cut = sketch.Quantile((double)k / bins);
            if (cuts.Count == 0 || cut > cuts[^1])
            {
                cuts.Add(cut);
            }
        }

        return new BinEdges(cuts);
    }
}
