using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>What a slice backfill grain persists: the status of its latest run, written when a run starts and ends.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.SliceBackfillState")]
public sealed class SliceBackfillState
{
    [Id(0)] public BackfillStatus? Status { get; set; }
}
