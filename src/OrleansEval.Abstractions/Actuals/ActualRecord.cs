namespace OrleansEval.Actuals;

/// <summary>A late actual: the prediction it belongs to and the truth; <see cref="Index"/> is its place in the request.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ActualRecord")]
[Immutable]
public sealed record ActualRecord(
    [property: Id(0)] int Index,
    [property: Id(1)] string PredictionId,
    [property: Id(2)] Ingest.ActualInput Actual);
