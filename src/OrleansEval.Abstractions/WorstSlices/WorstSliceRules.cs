using System.Globalization;
using OrleansEval.Models;

namespace OrleansEval.WorstSlices;

/// <summary>
/// The rules of a worst-slice search's parameters, checked by the gateway and again by the silo: each failure names the
/// field and its rule.
/// </summary>
public static class WorstSliceRules
{
    /// <summary>The longest window searched.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(366);

    /// <summary>The most slices answered.</summary>
    public const int MostSlices = 100;

    /// <summary>Slices answered when the request names no limit.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Conditions per slice when the request names no maximum.</summary>
    public const int DefaultMaxConditions = 2;

    /// <summary>The score's weight of the error term when the request names none.</summary>
    public const double DefaultAlpha = 0.95;

    /// <summary>The first field of <paramref name="query"/> that breaks its rule, with the rule; null when none does.</summary>
    public static (string Field, string Rule)? Check(WorstSliceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!(query.From < query.To))
        {
            return ("from", "must be earlier than to");
        }

        if (query.To - query.From > LongestWindow)
        {
            return ("from", $"the window must be at most {LongestWindow.TotalDays.ToString(CultureInfo.InvariantCulture)} days");
        }

        if (!SliceErrorMetrics.IsKnown(query.Metric))
        {
            return ("metric", $"must be one of {string.Join(", ", SliceErrorMetrics.All)}");
        }

        if (query.MinSize is < 1)
        {
            return ("minSize", "must be at least 1");
        }

        if (query.MaxConditions is < 1 or > 3)
        {
            return ("maxConditions", "must be between 1 and 3");
        }

        if (!(query.Alpha > 0 && query.Alpha <= 1))
        {
            return ("alpha", "must be in (0, 1]");
        }

        return query.Limit is < 1 or > MostSlices ? ("limit", $"must be between 1 and {MostSlices}") : null;
    }

    /// <summary>Why <paramref name="metric"/> does not apply to a model of <paramref name="task"/>; null when it does.</summary>
    public static string? Applicability(string metric, ModelTask task) => metric switch
    {
        SliceErrorMetrics.LogLoss or SliceErrorMetrics.Brier when task != ModelTask.BinaryClassification =>
            $"{metric} needs a binary classifier's score; use error" + (task == ModelTask.Regression ? " or squaredError" : ""),
        SliceErrorMetrics.SquaredError when task != ModelTask.Regression =>
            "squaredError is for regressors; use error" + (task == ModelTask.BinaryClassification ? ", logLoss or brier" : ""),
        _ => null,
    };
}
