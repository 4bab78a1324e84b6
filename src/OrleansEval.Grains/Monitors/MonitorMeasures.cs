using OrleansEval.Drift;
using OrleansEval.Monitors;
using OrleansEval.Performance;
using OrleansEval.Sketches.Drift;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// The measures each kind of monitor may watch, which way is worse, and how to read them from an answer. Drift measures,
/// their directions and bounds come from <see cref="DriftMeasureCatalogue"/>, so a catalogued measure is watchable as is.
/// </summary>
internal static class MonitorMeasures
{
    private static readonly HashSet<string> QualityMeasures = new(StringComparer.Ordinal)
    {
        "missingRate", "outOfRangeRate", "unseenCategoryRate", "typeErrorRate",
    };

    private static readonly HashSet<string> HigherIsBetterMetrics = new(StringComparer.Ordinal)
    {
        "accuracy", "precision", "recall", "f1", "specificity", "rocAuc", "r2",
        "precisionMacro", "recallMacro", "f1Macro", "precisionMicro", "recallMicro", "f1Micro",
        "precisionWeighted", "recallWeighted", "f1Weighted",
    };

    private static readonly HashSet<string> LowerIsBetterMetrics = new(StringComparer.Ordinal)
    {
        "logLoss", "brier", "mae", "rmse", "mape", "medianAbsoluteError",
    };

    private static readonly HashSet<string> VolumeMeasures = new(StringComparer.Ordinal) { "minRecords", "maxRecords" };

    private static readonly HashSet<string> EstimatedMetrics = new(StringComparer.Ordinal) { "accuracy", "precision", "recall", "f1", "rocAuc" };

    public static bool IsKnown(MonitorKind kind, string measure) => kind switch
    {
        MonitorKind.Drift => DriftMeasureCatalogue.Find(measure) is not null,
        MonitorKind.DataQuality => QualityMeasures.Contains(measure),
        MonitorKind.Performance => HigherIsBetterMetrics.Contains(measure) || LowerIsBetterMetrics.Contains(measure),
        MonitorKind.WorstSlices => SliceErrorMetrics.IsKnown(measure),
        MonitorKind.Volume => VolumeMeasures.Contains(measure),
        _ => EstimatedMetrics.Contains(measure),
    };

    public static string Known(MonitorKind kind) => string.Join(", ", kind switch
    {
        MonitorKind.Drift => DriftMeasureCatalogue.All.Select(m => m.Name),
        MonitorKind.DataQuality => QualityMeasures,
        MonitorKind.Performance => HigherIsBetterMetrics.Concat(LowerIsBetterMetrics),
        MonitorKind.WorstSlices => SliceErrorMetrics.All,
        MonitorKind.Volume => VolumeMeasures,
        _ => EstimatedMetrics,
    });

    /// <summary>
    /// Drift measures are worse the way the catalogue says (p-values when lower); quality rates when higher; most metrics
    /// when lower; a volume's record count when higher for <c>maxRecords</c> and lower for <c>minRecords</c>.
    /// </summary>
    public static bool HigherIsWorse(MonitorKind kind, string measure) => kind switch
    {
        MonitorKind.Volume => measure == "maxRecords",
        MonitorKind.Drift => DriftMeasureCatalogue.Find(measure)?.Direction != DriftDirection.LowerMeansDrift,
        MonitorKind.DataQuality or MonitorKind.WorstSlices => true,
        _ => LowerIsBetterMetrics.Contains(measure),
    };

    /// <summary>True when a drift measure's decision score lies in [0, 1], as the catalogue says (p-values, bounded distances).</summary>
    public static bool IsAtMostOne(string measure) => DriftMeasureCatalogue.Find(measure)?.IsAtMostOne ?? false;

    /// <summary>The largest threshold a drift measure's monitor may give, as the catalogue says.</summary>
    public static double ThresholdCeiling(string measure) => DriftMeasureCatalogue.Find(measure)?.ThresholdCeiling ?? double.PositiveInfinity;

    /// <summary>The value of a drift or data-quality measure in a column's drift answer (a test's p-value).</summary>
    public static double? Read(ColumnDrift column, string measure) => measure switch
    {
        "missingRate" => column.MissingRate,
        "outOfRangeRate" => column.OutOfRangeRate,
        "unseenCategoryRate" => column.UnseenCategoryRate,
        "typeErrorRate" => column.TypeErrorRate,
        _ => column.Score(measure),
    };

    /// <summary>The value of a metric in a slice's performance, realised or estimated.</summary>
    public static double? Read(SlicePerformance performance, string metric, bool estimated) =>
        (estimated ? performance.Estimated : performance.Realised)[metric]?.Value;
}
