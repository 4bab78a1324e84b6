using System.Collections.Immutable;
using OrleansEval.Actuals;

namespace OrleansEval.Ingest;

/// <summary>The late actuals of a logged batch that go to one label-join shard.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ShardActuals")]
[Immutable]
public sealed record ShardActuals([property: Id(0)] int Shard, [property: Id(1)] ImmutableArray<LateActual> Actuals);
