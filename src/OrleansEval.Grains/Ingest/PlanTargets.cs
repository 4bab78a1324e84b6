using System.Collections.Immutable;

namespace OrleansEval.Grains.Ingest;

/// <summary>The keys of the column, slice-family, join-shard and row grains a plan changes.</summary>
internal sealed record PlanTargets(ImmutableArray<string> Features, ImmutableArray<string> Slices, ImmutableArray<string> Joins, ImmutableArray<string> Rows);
