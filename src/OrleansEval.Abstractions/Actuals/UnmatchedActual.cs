namespace OrleansEval.Actuals;

/// <summary>An actual whose prediction has not arrived (or has expired from the join window).</summary>
[GenerateSerializer]
[Alias("OrleansEval.UnmatchedActual")]
[Immutable]
public sealed record UnmatchedActual([property: Id(0)] int Index, [property: Id(1)] string PredictionId);
