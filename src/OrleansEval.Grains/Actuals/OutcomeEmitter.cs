using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Models;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Collects the outcome rows a join produces, per series and slice family, to send each family one call. They carry no
/// threshold or calibration: outcomes only move realised metrics.
/// </summary>
internal sealed class OutcomeEmitter
{
    private readonly Dictionary<(SeriesId Series, string Family), ImmutableArray<OutcomeRow>.Builder> _rows = [];

    public void Add(PendingPrediction prediction, JoinActual actual, int weight)
    {
        foreach (var slice in prediction.Slices)
        {
            if (!_rows.TryGetValue((prediction.Series, slice.Family), out var rows))
            {
                rows = ImmutableArray.CreateBuilder<OutcomeRow>();
                _rows.Add((prediction.Series, slice.Family), rows);
            }

            rows.Add(new OutcomeRow(slice.Member, prediction.BucketStart, prediction.Score, prediction.Predicted, prediction.PredictedValue, actual.Label, actual.Value, weight));
        }
    }

    public IEnumerable<(SeriesId Series, string Family, SliceDelta Delta)> Deltas(string batchId, ModelTask task, string positiveLabel) =>
        _rows.Select(r => (r.Key.Series, r.Key.Family, new SliceDelta(batchId, [], r.Value.ToImmutable(), task, positiveLabel, double.NaN, [])));
}
