namespace OrleansEval.Sketches.Drift;

/// <summary>The verdict of one threshold on one measure.</summary>
/// <param name="Measure">The measure's API name.</param>
/// <param name="Score">The measure's decision score, or null when the measure is undefined.</param>
/// <param name="Threshold">The threshold the score was compared with.</param>
/// <param name="Direction">Whether a higher or a lower score means drift.</param>
/// <param name="Drifted">True when the score crosses the threshold; null when the score is undefined.</param>
public readonly record struct DriftDecision(string Measure, double? Score, double Threshold, DriftDirection Direction, bool? Drifted);
