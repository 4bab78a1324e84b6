using System.Collections.Immutable;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Grains.Baselines;

/// <summary>A frozen baseline column's reference sketch as the sample measures read it: its sorted view, and whether it holds every value.</summary>
/// <param name="Bytes">The serialized sketch the view was made from.</param>
/// <param name="View">The sketch's retained values, ascending, with their weights.</param>
/// <param name="IsExact">True when the sketch kept every reference value.</param>
internal sealed record ReferenceSample(ImmutableArray<byte> Bytes, QuantileSortedView View, bool IsExact)
{
    /// <summary>Reads the sketch and sorts its values: the work a cached sample saves.</summary>
    public static ReferenceSample Read(ImmutableArray<byte> bytes)
    {
        var sketch = KllSketch.Deserialize(bytes.AsSpan());
        return new ReferenceSample(bytes, sketch.GetSortedView(), sketch.IsExact);
    }
}
