using OrleansEval.Models;
using OrleansEval.Baselines;

namespace OrleansEval.Drift;

/// <summary>Asks a feature grain for the drift of its column in a window against one baseline column.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnDriftRequest")]
[Immutable]
public sealed record ColumnDriftRequest(
    [property: Id(0)] string CounterKey,
    [property: Id(1)] BaselineColumn Reference,
    [property: Id(2)] TimeWindow Window,
    [property: Id(3)] DriftPolicy Policy);
