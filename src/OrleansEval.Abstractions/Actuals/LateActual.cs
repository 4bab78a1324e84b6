namespace OrleansEval.Actuals;

/// <summary>A checked late actual on its way to the join shard of its prediction.</summary>
[GenerateSerializer]
[Alias("OrleansEval.LateActual")]
[Immutable]
public sealed record LateActual([property: Id(0)] int Index, [property: Id(1)] string PredictionId, [property: Id(2)] JoinActual Actual);
