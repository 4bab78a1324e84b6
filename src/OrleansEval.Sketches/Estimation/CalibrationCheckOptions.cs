namespace OrleansEval.Sketches.Estimation;

/// <summary>Settings of the needs-calibration check; the defaults are NannyML's.</summary>
/// <param name="SplitCount">Number of stratified shuffle splits of the reference set (10).</param>
/// <param name="TestFraction">Share of the reference set held out in each split, rounded up to whole observations (0.1).</param>
/// <param name="BinCount">Number of equal-count bins of the expected calibration error (10).</param>
/// <param name="Seed">Seed of the shuffles, so that a reference set always gets the same decision (42).</param>
/// <param name="MaxReferenceRocAuc">Above this reference ROC AUC the scores are taken as they are (0.999).</param>
public sealed record CalibrationCheckOptions(
    int SplitCount = 10,
    double TestFraction = 0.1,
    int BinCount = 10,
    ulong Seed = 42,
    double MaxReferenceRocAuc = 0.999)
{
    /// <summary>NannyML's settings: 10 splits holding out 10 %, 10 bins, no calibration above a ROC AUC of 0.999.</summary>
    public static CalibrationCheckOptions Default { get; } = new();
}
