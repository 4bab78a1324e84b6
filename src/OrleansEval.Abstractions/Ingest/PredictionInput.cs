namespace OrleansEval.Ingest;

/// <summary>A record's prediction: a label and a positive-class score for a classifier, a value for a regressor.</summary>
[GenerateSerializer]
[Alias("OrleansEval.PredictionInput")]
[Immutable]
public sealed record PredictionInput(
    [property: Id(0)] FeatureValue Label,
    [property: Id(1)] FeatureValue Score,
    [property: Id(2)] FeatureValue Value);
