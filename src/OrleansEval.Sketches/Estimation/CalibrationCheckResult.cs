namespace OrleansEval.Sketches.Estimation;

/// <summary>The outcome of <see cref="CalibrationCheck.Evaluate"/>.</summary>
/// <param name="NeedsCalibration">True when isotonic calibration lowers the cross-validated expected calibration error.</param>
/// <param name="RawError">
/// Expected calibration error of the held-out raw scores; null when the check stopped early (a single class, a reference
/// ROC AUC above the limit, or too few held-out observations to bin).
/// </param>
/// <param name="CalibratedError">Expected calibration error of the same observations after calibration; null likewise.</param>
/// <param name="ReferenceRocAuc">ROC AUC of the raw scores on the reference set; null when it holds a single class.</param>
public readonly record struct CalibrationCheckResult(
    bool NeedsCalibration,
    double? RawError,
    double? CalibratedError,
    double? ReferenceRocAuc);
