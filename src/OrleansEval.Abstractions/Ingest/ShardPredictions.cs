using OrleansEval.Actuals;

namespace OrleansEval.Ingest;

/// <summary>The predictions of a logged batch that one label-join shard registers.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ShardPredictions")]
[Immutable]
public sealed record ShardPredictions([property: Id(0)] int Shard, [property: Id(1)] PendingPredictions Rows);
