using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Wasserstein-1 (earth mover's) distance, <c>wasserstein</c> = ∫ |F(x) − G(x)| dx between the weighted empirical
/// distributions of the two views, in the feature's units: exact for exact views, and computed from the retained values
/// and weights of sketch views. 0 for identical distributions; higher means more drift. Because it carries the feature's
/// scale, <see cref="NormalizedWassersteinDistance"/> is the one to threshold; the default here is nominal.
/// </summary>
public sealed class WassersteinDistance : IDriftMeasure
{
    private WassersteinDistance()
    {
    }

    /// <summary>The single instance, which carries the measure's name, default threshold and direction.</summary>
    public static WassersteinDistance Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "wasserstein";

    /// <summary>0.1 in the feature's units; a nominal value, since the distance is not scale-free.</summary>
    public double DefaultThreshold => 0.1;

    /// <inheritdoc />
    public DriftDirection Direction => DriftDirection.HigherMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => false;

    /// <inheritdoc />
    public DriftMeasureInput Input => DriftMeasureInput.Samples;

    /// <inheritdoc />
    public DriftMeasureResult Measure(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return DriftMeasureResult.Number(Name, inputs.HasSamples ? inputs.Comparison.Wasserstein : null);
    }

    /// <summary>The distance between the two views; null when either is empty.</summary>
    public static double? Compute(QuantileSortedView reference, QuantileSortedView current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.TotalWeight == 0 || current.TotalWeight == 0)
        {
            return null;
        }

        return EmpiricalComparison.Compare(reference, current).Wasserstein;
    }
}
