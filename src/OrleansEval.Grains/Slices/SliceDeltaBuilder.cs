using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>Collects, per slice family, the prediction rows a batch sends it (outcomes come from the label join).</summary>
internal sealed class SliceDeltaBuilder
{
    private readonly Dictionary<string, ImmutableArray<PredictionRow>.Builder> _families = new(StringComparer.Ordinal);

    public void AddPrediction(SliceKey slice, PredictionRow row)
    {
        if (!_families.TryGetValue(slice.Family, out var rows))
        {
            rows = ImmutableArray.CreateBuilder<PredictionRow>();
            _families.Add(slice.Family, rows);
        }

        rows.Add(row with { Member = slice.Member });
    }

    public IEnumerable<(string Family, SliceDelta Delta)> Build(
        string batchId, ModelTask task, string positiveLabel, double threshold, ImmutableArray<byte> calibration, TimeSpan bucket) =>
        _families.Select(f => (f.Key, new SliceDelta(batchId, f.Value.ToImmutable(), [], task, positiveLabel, threshold, calibration) { Bucket = bucket }));
}
