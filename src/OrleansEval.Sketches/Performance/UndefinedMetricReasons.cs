namespace OrleansEval.Sketches.Performance;

/// <summary>The reasons the performance states give for a metric that is undefined (<see cref="MetricResult.Reason"/>).</summary>
public static class UndefinedMetricReasons
{
    /// <summary>Nothing has been counted.</summary>
    public const string NoRows = "no rows";

    /// <summary>No row carried a score, so no score metric exists.</summary>
    public const string NoScoredRows = "no rows with a score";

    /// <summary>ROC AUC needs both classes among the scored rows.</summary>
    public const string OneClass = "only one class is present among the rows with a score";

    /// <summary>R² needs at least two rows (scikit-learn reports NaN with a warning).</summary>
    public const string FewerThanTwoRows = "fewer than two rows";

    /// <summary>A calibration bin without rows has no mean score or observed rate.</summary>
    public const string EmptyBin = "no rows in this bin";
}
