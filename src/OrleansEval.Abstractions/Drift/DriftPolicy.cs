namespace OrleansEval.Drift;

/// <summary>Which measure and threshold decide that a column drifted, per column type.</summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftPolicy")]
[Immutable]
public sealed record DriftPolicy(
    [property: Id(0)] string NumericMeasure,
    [property: Id(1)] double NumericThreshold,
    [property: Id(2)] string CategoricalMeasure,
    [property: Id(3)] double CategoricalThreshold)
{
    /// <summary>Numeric: psi ≥ 0.2; categorical: jsDistance ≥ 0.1.</summary>
    public static DriftPolicy Default { get; } = new("psi", 0.2, "jsDistance", 0.1);
}
