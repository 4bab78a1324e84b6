using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Counts the current side of the prediction's and the actual's bins on the per-bin path, where state keeps them
/// exactly: a binary classifier's score or a regressor's value from the column grain's exact counts on the baseline's
/// cut points, and a binary classifier's actual from the whole model's count of actual positives. Elsewhere (a multiclass
/// prediction or actual, a regressor's actual, a window whose column counts are not exact) the column is left out.
/// </summary>
internal static class PerBinOutputs
{
    /// <summary>
    /// Reads the prediction's current counts on the baseline's bins for <paramref name="query"/> from its column grain
    /// when they can be kept (a numeric prediction the baseline has bins for, counted exactly); null otherwise. It needs
    /// nothing the slice families answer, so it is asked beside them.
    /// </summary>
    public static Task<IReadOnlyList<long>?> ReadPredictionAsync(IGrainFactory grains, string modelId, Baseline baseline, RootCauseQuery query, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tally);
        if (tally.Prediction is not { Type: FeatureType.Numeric } prediction || baseline.FindColumn(prediction.Name) is not { } reference)
        {
            return Task.FromResult<IReadOnlyList<long>?>(null);
        }

        var key = FeatureKey.For(modelId, new SeriesId(query.Version!, query.Environment!), prediction.Name).ToString();
        var request = new ColumnDriftRequest(baseline.CounterKey, reference, new TimeWindow(query.From, query.To), DriftPolicy.Default);
        return ReadAsync(grains.GetGrain<IFeatureGrain>(key), request, prediction.BinCount);
    }

    /// <summary>
    /// Counts the outputs of <paramref name="tally"/>: the actual from <paramref name="total"/> (the whole model's state
    /// over the window), the prediction from <paramref name="prediction"/> (<see cref="ReadPredictionAsync"/>'s answer).
    /// </summary>
    public static void Count(ModelDefinition definition, SliceBinCounts? total, IReadOnlyList<long>? prediction, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        CountActual(definition, total, tally);
        if (tally.Prediction is not { } column || prediction is null || prediction.Count != column.BinCount)
        {
            tally.DropPrediction();
            return;
        }

        for (var bin = 0; bin < prediction.Count; bin++)
        {
            column.AddCurrentBin(bin, new BinCounts(prediction[bin], 0, 0));
        }
    }

    // The counters the column's buckets keep, which it sums without merging a sketch or decoding a bucket it kept the
    // counts of; when a bucket with values predates the baseline, the drift answer's counts, exact when its sketch is.
    private static async Task<IReadOnlyList<long>?> ReadAsync(IFeatureGrain column, ColumnDriftRequest request, int binCount)
    {
        var counts = await column.GetBinCountsAsync(request.CounterKey, binCount, request.Window);
        if (counts.Exact)
        {
            return request.Reference.Approximate ? null : counts.Counts;
        }

        var drift = await column.GetDriftAsync(request);
        return drift.Approximate ? null : [.. drift.Bins.Select(bin => (long)bin.CurrentCount)];
    }

    // A binary actual is the positive or the negative label (ingest refuses any other), counted over labelled rows.
    private static void CountActual(ModelDefinition definition, SliceBinCounts? total, RootCauseTally tally)
    {
        if (definition.Task != ModelTask.BinaryClassification || tally.Actual is not { } actual)
        {
            tally.DropActual();
            return;
        }

        if (total is null)
        {
            return;
        }

        foreach (var (label, count) in new[] { (definition.PositiveLabel, total.ActualPositives), (definition.NegativeLabel, total.Labelled - total.ActualPositives) })
        {
            if (count > 0)
            {
                actual.AddCurrentCategory(label, new BinCounts(count, 0, 0));
            }
        }
    }
}
