using OrleansEval.Performance;

namespace OrleansEval.Ingest;

/// <summary>A slice delta of a logged batch and the key of the slice-family grain it goes to.</summary>
[GenerateSerializer]
[Alias("OrleansEval.KeyedDelta")]
[Immutable]
public sealed record KeyedDelta([property: Id(0)] string SliceGrainKey, [property: Id(1)] SliceDelta Delta);
