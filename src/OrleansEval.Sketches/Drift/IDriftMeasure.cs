namespace OrleansEval.Sketches.Drift;

/// <summary>
/// A stateless drift measure: its API name, the threshold a policy uses when none is configured, and the direction in
/// which its decision score indicates drift. The threshold is only a default; decisions belong to <see cref="DriftPolicy"/>.
/// </summary>
public interface IDriftMeasure
{
    /// <summary>The measure's API name (camelCase), one of <see cref="DriftMeasureNames"/>.</summary>
    string Name { get; }

    /// <summary>The threshold on the decision score used when a monitor does not override it.</summary>
    double DefaultThreshold { get; }

    /// <summary>Whether a higher or a lower decision score means more drift.</summary>
    DriftDirection Direction { get; }
}
