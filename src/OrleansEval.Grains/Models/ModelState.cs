using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Models;

/// <summary>What a model grain persists: the definition, its revision, baselines and the series that received data.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.ModelState")]
public sealed class ModelState
{
    [Id(0)] public ModelDefinition? Definition { get; set; }

    [Id(1)] public long Revision { get; set; }

    [Id(2)] public Dictionary<string, Baseline> Baselines { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public List<SeriesId> Series { get; set; } = [];

    [Id(4)] public Dictionary<string, SliceDefinition> Slices { get; set; } = new(StringComparer.Ordinal);

    // Partitions of the model's ingest log, fixed when it is defined; 0 for a model stored before it was kept.
    [Id(5)] public int LogPartitions { get; set; }

    // Definitions each slice name has had, deleted ones included, so a name defined again gets a family of its own.
    [Id(6)] public Dictionary<string, int> SliceGenerations { get; set; } = new(StringComparer.Ordinal);
}
