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
    /// Reads the prediction's current bins for <paramref name="query"/> from its column grain when they can be kept
    /// (a numeric prediction the baseline has bins for); null otherwise. It needs nothing the slice families answer, so
    /// it is asked beside them.
    /// </summary>
    public static Task<ColumnDrift?> ReadPredictionAsync(IGrainFactory grains, string modelId, Baseline baseline, RootCauseQuery query, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tally);
        if (tally.Prediction is not { Type: FeatureType.Numeric } prediction || baseline.FindColumn(prediction.Name) is not { } reference)
        {
            return Task.FromResult<ColumnDrift?>(null);
        }

        var key = FeatureKey.For(modelId, new SeriesId(query.Version!, query.Environment!), prediction.Name).ToString();
        return ReadAsync(grains.GetGrain<IFeatureGrain>(key), new ColumnDriftRequest(baseline.CounterKey, reference, new TimeWindow(query.From, query.To), DriftPolicy.Default));
    }

    /// <summary>
    /// Counts the outputs of <paramref name="tally"/>: the actual from <paramref name="total"/> (the whole model's state
    /// over the window), the prediction from <paramref name="prediction"/> (<see cref="ReadPredictionAsync"/>'s answer).
    /// </summary>
    public static void Count(ModelDefinition definition, SliceBinCounts? total, ColumnDrift? prediction, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        CountActual(definition, total, tally);
        if (tally.Prediction is not { } column || prediction is null || prediction.Approximate || prediction.Bins.Length != column.BinCount)
        {
            tally.DropPrediction();
            return;
        }

        for (var bin = 0; bin < prediction.Bins.Length; bin++)
        {
            column.AddCurrentBin(bin, new BinCounts((long)prediction.Bins[bin].CurrentCount, 0, 0));
        }
    }

    private static async Task<ColumnDrift?> ReadAsync(IFeatureGrain column, ColumnDriftRequest request) => await column.GetDriftAsync(request);

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
