namespace OrleansEval.Sketches.Drift;

/// <summary>
/// A threshold on one measure's decision score: drift when score ≥ value for <see cref="DriftDirection.HigherMeansDrift"/>,
/// and when score &lt; value for <see cref="DriftDirection.LowerMeansDrift"/> (p-values, where "p &lt; α" is the convention).
/// </summary>
/// <param name="Measure">The measure's API name, as listed in <see cref="DriftMeasureCatalogue"/>.</param>
/// <param name="Value">The threshold.</param>
/// <param name="Direction">Whether a higher or a lower score means drift.</param>
public sealed record DriftThreshold(string Measure, double Value, DriftDirection Direction)
{
    /// <summary>The measure's own default threshold and direction.</summary>
    public static DriftThreshold For(IDriftMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return new DriftThreshold(measure.Name, measure.DefaultThreshold, measure.Direction);
    }

    /// <summary>Compares <paramref name="score"/> with the threshold; an undefined score gives an undefined verdict.</summary>
    public DriftDecision Evaluate(double? score)
    {
        bool? drifted = score is { } s && !double.IsNaN(s)
            ? Direction == DriftDirection.HigherMeansDrift ? s >= Value : s < Value
            : null;
        return new DriftDecision(Measure, score, Value, Direction, drifted);
    }
}
