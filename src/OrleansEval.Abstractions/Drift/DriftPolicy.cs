namespace OrleansEval.Drift;

/// <summary>
/// Which measure and threshold decide that a column drifted, per column type. The measures are named as in the drift
/// measure catalogue, which also says which way each one is worse.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftPolicy")]
[Immutable]
public sealed record DriftPolicy(
    [property: Id(0)] string NumericMeasure,
    [property: Id(1)] double NumericThreshold,
    [property: Id(2)] string CategoricalMeasure,
    [property: Id(3)] double CategoricalThreshold)
{
    /// <summary>
    /// Numeric: psi ≥ 0.2; categorical: jsDistance ≥ 0.1 — the catalogue's default measures with their default
    /// thresholds (this contract cannot see the catalogue, so a test holds the two together).
    /// </summary>
    public static DriftPolicy Default { get; } = new("psi", 0.2, "jsDistance", 0.1);
}
