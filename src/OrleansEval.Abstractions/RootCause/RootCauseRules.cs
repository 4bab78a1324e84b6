using System.Globalization;
using OrleansEval.Models;

namespace OrleansEval.RootCause;

/// <summary>
/// The rules of a root-cause question, checked by the gateway and again by the silo: each failure names the field and
/// its rule.
/// </summary>
public static class RootCauseRules
{
    /// <summary>The longest window explained.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(366);

    /// <summary>The first field of <paramref name="query"/> that breaks its rule, with the rule; null when none does.</summary>
    public static (string Field, string Rule)? Check(RootCauseQuery query)
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

        if (query.Source is not (null or RootCauseSources.Rows or RootCauseSources.Bins))
        {
            return ("source", $"must be {RootCauseSources.Rows} or {RootCauseSources.Bins}");
        }

        return query.Metric is { } metric && !RootCauseMetrics.All.Contains(metric) ? ("metric", Unknown(metric)) : null;
    }

    /// <summary>Why <paramref name="metric"/> does not apply to a model of <paramref name="task"/>; null when it does.</summary>
    public static string? Applicability(string metric, ModelTask task)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var applicable = RootCauseMetrics.For(task);
        return applicable.Contains(metric)
            ? null
            : $"{metric} does not apply to a {TaskName(task)} model; use one of {string.Join(", ", applicable)}";
    }

    private static string Unknown(string metric) => RootCauseMetrics.NotMeans.Contains(metric)
        ? $"{metric} is not a mean of a per-row loss, so it does not split into bins; use one of {string.Join(", ", RootCauseMetrics.All)}"
        : $"must be one of {string.Join(", ", RootCauseMetrics.All)}";

    private static string TaskName(ModelTask task) => task switch
    {
        ModelTask.BinaryClassification => "binary classification",
        ModelTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };
}
