using System.Collections.Immutable;
using OrleansEval.Slices;

namespace OrleansEval.Models;

/// <summary>
/// A registered model as the ingest and query paths see it: its definition, the revision that changes whenever the
/// definition, a baseline or a slice changes, its baselines, series, user-defined slices, the baseline bins that
/// cut numeric columns into elementary slices, and the calibration of the label-free estimate.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ModelSnapshot")]
[Immutable]
public sealed record ModelSnapshot(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelDefinition Definition,
    [property: Id(2)] long Revision,
    [property: Id(3)] ImmutableArray<string> Baselines,
    [property: Id(4)] ImmutableArray<SeriesId> Series,
    [property: Id(5)] ImmutableArray<SliceDefinition> Slices,
    [property: Id(6)] ImmutableArray<ColumnBins> SliceBins,
    [property: Id(7)] ImmutableArray<byte> Calibration)
{
    /// <summary>
    /// Partitions of the model's ingest log: fixed when the model was defined, whatever is configured since; 0 when the
    /// snapshot came from a silo that did not keep it, and the configured count stands.
    /// </summary>
    [Id(8)] public int LogPartitions { get; init; }
}
