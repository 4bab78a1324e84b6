using OrleansEval.Models;

namespace OrleansEval.RootCause;

/// <summary>
/// The metrics a root cause explains: each is the mean of a per-row loss over labelled rows, which is what lets a
/// change split exactly into bins. Metrics that are not such a mean (rocAuc, f1, precision, recall) are refused.
/// </summary>
public static class RootCauseMetrics
{
    /// <summary>Share of a classifier's predictions that equal the actual; the default for classifiers.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>1 − accuracy.</summary>
    public const string ErrorRate = "errorRate";

    /// <summary>Mean −(y·ln p + (1 − y)·ln(1 − p)), p the score clipped to [1e-15, 1 − 1e-15]; binary classifiers with a score.</summary>
    public const string LogLoss = "logLoss";

    /// <summary>Mean (p − y)², p the score; binary classifiers with a score.</summary>
    public const string Brier = "brier";

    /// <summary>Mean |actual − predicted|; the default for regressors.</summary>
    public const string Mae = "mae";

    /// <summary>Mean (actual − predicted)²; regressors.</summary>
    public const string SquaredError = "squaredError";

    /// <summary>Every metric, in the order documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Accuracy, ErrorRate, LogLoss, Brier, Mae, SquaredError];

    /// <summary>Known metrics that are not a mean of a per-row loss, so they do not split into bins.</summary>
    public static IReadOnlyList<string> NotMeans { get; } = ["rocAuc", "f1", "precision", "recall", "r2", "rmse"];

    /// <summary>The metric answered when a question names none.</summary>
    public static string DefaultFor(ModelTask task) => task == ModelTask.Regression ? Mae : Accuracy;

    /// <summary>The metrics that apply to a model of <paramref name="task"/>.</summary>
    public static IReadOnlyList<string> For(ModelTask task) => task switch
    {
        ModelTask.BinaryClassification => [Accuracy, ErrorRate, LogLoss, Brier],
        ModelTask.MulticlassClassification => [Accuracy, ErrorRate],
        _ => [Mae, SquaredError],
    };
}
