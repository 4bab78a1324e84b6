namespace OrleansEval.Ingest;

/// <summary>The ground truth of a record: a label for a classifier, a value for a regressor.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ActualInput")]
[Immutable]
public sealed record ActualInput([property: Id(0)] FeatureValue Label, [property: Id(1)] FeatureValue Value);
