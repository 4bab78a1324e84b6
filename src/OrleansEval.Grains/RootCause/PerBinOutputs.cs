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
    /// <summary>Counts the outputs of <paramref name="tally"/> for <paramref name="query"/>; <paramref name="total"/> is the whole model's state over the window.</summary>
    public static async Task CountAsync(IGrainFactory grains, string modelId, ModelSnapshot snapshot, Baseline baseline, RootCauseQuery query, SliceBinCounts? total, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tally);
        var definition = snapshot.Definition;
        CountActual(definition, total, tally);
        if (tally.Prediction is not { Type: FeatureType.Numeric } prediction || baseline.FindColumn(prediction.Name) is not { } reference)
        {
            tally.DropPrediction();
            return;
        }

        var key = FeatureKey.For(modelId, new SeriesId(query.Version!, query.Environment!), prediction.Name).ToString();
        var drift = await grains.GetGrain<IFeatureGrain>(key).GetDriftAsync(
            new ColumnDriftRequest(baseline.CounterKey, reference, new TimeWindow(query.From, query.To), DriftPolicy.Default));
        if (drift.Approximate || drift.Bins.Length != prediction.BinCount)
        {
            tally.DropPrediction();
            return;
        }

        for (var bin = 0; bin < drift.Bins.Length; bin++)
        {
            prediction.AddCurrentBin(bin, new BinCounts((long)drift.Bins[bin].CurrentCount, 0, 0));
        }
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
