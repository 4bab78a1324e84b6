using OrleansEval.Drift;
using OrleansEval.Monitors;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Monitors;

/// <summary>The measures each kind of monitor may watch, which way is worse, and how to read them from an answer.</summary>
internal static class MonitorMeasures
{
    private static readonly HashSet<string> DriftMeasures = new(StringComparer.Ordinal)
    {
        "psi", "klDivergence", "jsDistance", "jsDivergence", "hellinger", "lInfinity", "totalVariation",
        "chiSquare", "ks", "wasserstein", "wassersteinNormed",
    };

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

    private static readonly HashSet<string> EstimatedMetrics = new(StringComparer.Ordinal) { "accuracy", "precision", "recall", "f1", "rocAuc" };

    public static bool IsKnown(MonitorKind kind, string measure) => kind switch
    {
        MonitorKind.Drift => DriftMeasures.Contains(measure),
        MonitorKind.DataQuality => QualityMeasures.Contains(measure),
        MonitorKind.Performance => HigherIsBetterMetrics.Contains(measure) || LowerIsBetterMetrics.Contains(measure),
        _ => EstimatedMetrics.Contains(measure),
    };

    public static string Known(MonitorKind kind) => string.Join(", ", kind switch
    {
        MonitorKind.Drift => DriftMeasures,
        MonitorKind.DataQuality => QualityMeasures,
        MonitorKind.Performance => HigherIsBetterMetrics.Concat(LowerIsBetterMetrics),
        _ => EstimatedMetrics,
    });

    /// <summary>Drift distances and quality rates are worse when higher; p-values (chiSquare, ks) and most metrics when lower.</summary>
    public static bool HigherIsWorse(MonitorKind kind, string measure) => kind switch
    {
        MonitorKind.Drift => measure is not ("chiSquare" or "ks"),
        MonitorKind.DataQuality => true,
        _ => LowerIsBetterMetrics.Contains(measure),
    };

    /// <summary>The value of a drift or data-quality measure in a column's drift answer (p-values for chiSquare and ks).</summary>
    public static double? Read(ColumnDrift column, string measure) => measure switch
    {
        "psi" => column.Psi,
        "klDivergence" => column.KlDivergence,
        "jsDistance" => column.JsDistance,
        "jsDivergence" => column.JsDivergence,
        "hellinger" => column.Hellinger,
        "lInfinity" => column.LInfinity,
        "totalVariation" => column.TotalVariation,
        "chiSquare" => column.ChiSquare?.PValue,
        "ks" => column.Ks?.PValue,
        "wasserstein" => column.Wasserstein,
        "wassersteinNormed" => column.WassersteinNormed,
        "missingRate" => column.MissingRate,
        "outOfRangeRate" => column.OutOfRangeRate,
        "unseenCategoryRate" => column.UnseenCategoryRate,
        "typeErrorRate" => column.TypeErrorRate,
        _ => null,
    };

    /// <summary>The value of a metric in a slice's performance, realised or estimated.</summary>
    public static double? Read(SlicePerformance performance, string metric, bool estimated) =>
        (estimated ? performance.Estimated : performance.Realised)[metric]?.Value;
}
