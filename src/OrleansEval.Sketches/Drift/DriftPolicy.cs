namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Which measure and threshold decide drift for each kind of feature. The default is psi ≥ 0.2 for numeric features and
/// jsDistance ≥ 0.1 for categorical ones; a monitor may override either.
/// </summary>
/// <param name="Numeric">The threshold applied to numeric features.</param>
/// <param name="Categorical">The threshold applied to categorical features.</param>
public sealed record DriftPolicy(DriftThreshold Numeric, DriftThreshold Categorical)
{
    /// <summary>Numeric: psi ≥ 0.2; categorical: jsDistance ≥ 0.1.</summary>
    public static DriftPolicy Default { get; } = new(
        DriftThreshold.For(PopulationStabilityIndex.Instance),
        DriftThreshold.For(JensenShannonDistance.Instance));

    /// <summary>The threshold for <paramref name="kind"/>.</summary>
    public DriftThreshold ThresholdFor(DriftFeatureKind kind) =>
        kind == DriftFeatureKind.Numeric ? Numeric : Categorical;

    /// <summary>Applies the threshold for the measures' feature kind to the corresponding score.</summary>
    /// <exception cref="ArgumentException">The threshold names a measure that <see cref="DriftMeasures"/> does not know.</exception>
    public DriftDecision Decide(DriftMeasures measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var threshold = ThresholdFor(measures.Kind);
        return threshold.Evaluate(measures.Score(threshold.Measure));
    }
}
