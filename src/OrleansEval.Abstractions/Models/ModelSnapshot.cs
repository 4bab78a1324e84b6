using System.Collections.Immutable;

namespace OrleansEval.Models;

/// <summary>
/// A registered model as the ingest and query paths see it: its definition, the revision that changes whenever the
/// definition or a baseline changes, and the names of its baselines.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ModelSnapshot")]
[Immutable]
public sealed record ModelSnapshot(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelDefinition Definition,
    [property: Id(2)] long Revision,
    [property: Id(3)] ImmutableArray<string> Baselines,
    [property: Id(4)] ImmutableArray<SeriesId> Series);
