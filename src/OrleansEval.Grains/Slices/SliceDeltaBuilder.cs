using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>Collects, per slice family, the prediction rows a batch sends it (outcomes come from the label join).</summary>
internal sealed class SliceDeltaBuilder
{
    private readonly Dictionary<string, (ImmutableArray<PredictionRow>.Builder Predictions, ImmutableArray<OutcomeRow>.Builder Outcomes)> _families = new(StringComparer.Ordinal);

    public void AddPrediction(SliceKey slice, PredictionRow row) => Family(slice.Family).Predictions.Add(row with { Member = slice.Member });

    public IEnumerable<(string Family, SliceDelta Delta)> Build(string batchId, ModelSnapshot model) =>
        _families.Select(f => (f.Key, new SliceDelta(
            batchId,
            f.Value.Predictions.ToImmutable(),
            f.Value.Outcomes.ToImmutable(),
            model.Definition.Task,
            model.Definition.PositiveLabel,
            model.Definition.Threshold,
            model.Calibration)));

    private (ImmutableArray<PredictionRow>.Builder Predictions, ImmutableArray<OutcomeRow>.Builder Outcomes) Family(string family)
    {
        if (!_families.TryGetValue(family, out var rows))
        {
            rows = (ImmutableArray.CreateBuilder<PredictionRow>(), ImmutableArray.CreateBuilder<OutcomeRow>());
            _families.Add(family, rows);
        }

        return rows;
    }
}
