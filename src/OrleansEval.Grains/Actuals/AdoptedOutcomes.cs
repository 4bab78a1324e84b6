using OrleansEval.Performance;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Outcomes a label-join shard counted for a backfilled slice, kept in the shard's record from the write that stores
/// the slice's membership of the rows until the slice family has stored them.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.AdoptedOutcomes")]
public sealed class AdoptedOutcomes
{
    /// <summary>The slice grain (model, series, family) the outcomes go to.</summary>
    [Id(0)] public required string SliceGrainKey { get; init; }

    /// <summary>The outcomes, at the backfill part's position through the shard.</summary>
    [Id(1)] public required SliceDelta Delta { get; init; }
}
