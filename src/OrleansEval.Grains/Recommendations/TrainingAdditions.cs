using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;
using OrleansEval.Slices;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Recommendations;

/// <summary>
/// The bins to add to the training set: a bin whose share of the window's rows is at least
/// <see cref="FailureModeOptions.UnderRepresentedRatio"/> times its baseline share, with at least
/// <see cref="FailureModeOptions.MinLabelledRows"/> labelled rows in the window, whose metric there is worse than the
/// window's. Ordered by expected gain, (current share − baseline share) · |m_cur,b − M_cur|. The missing bin is not
/// named: no slice condition selects rows without a value, and a missing value is a data-quality matter.
/// </summary>
internal static class TrainingAdditions
{
    /// <summary>The additions for <paramref name="report"/>, and what kept them from being judged.</summary>
    public static (ImmutableArray<TrainingAddition> Additions, ImmutableArray<RootCauseGap> Gaps) Of(string modelId, RecommendationQuery query, RootCauseReport report, FailureModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        if (report.Current.Value is not { } overall || report.Current.Labelled == 0)
        {
            return ([], [new RootCauseGap("additions", "the window has no labelled rows, so no bin can be judged by its performance")]);
        }

        string LinkFor(string condition) => ExamplesLink.For(modelId, [condition], report.From, report.To, query.Version, query.Environment);
        var additions = report.Features
            .SelectMany(f => f.Bins.Select(b => Candidate(f, b, report.Metric, overall, options, LinkFor)))
            .OfType<(TrainingAddition Addition, double Gain)>()
            .OrderByDescending(c => c.Gain)
            .ThenBy(c => c.Addition.Condition, StringComparer.Ordinal)
            .Take(options.MaxAdditions)
            .Select(c => c.Addition);
        return ([.. additions], []);
    }

    private static (TrainingAddition Addition, double Gain)? Candidate(FeatureContribution feature, BinContribution bin, string metric, double overall, FailureModeOptions options, Func<string, string> linkFor)
    {
        var baselineShare = bin.BaselineShare ?? 0;
        if (bin.Missing || (bin.RowShare ?? bin.CurrentShare) is not { } currentShare || bin.CurrentMetric is not { } binMetric)
        {
            return null;
        }

        var underRepresented = currentShare > baselineShare && currentShare >= options.UnderRepresentedRatio * baselineShare;
        if (!underRepresented || bin.LabelledCurrent < options.MinLabelledRows || !MetricDirection.IsWorse(metric, binMetric, overall))
        {
            return null;
        }

        var condition = feature.Type == FeatureType.Categorical
            ? SliceCondition.EqualTo(feature.Name, bin.Category ?? string.Empty)
            : SliceCondition.InRange(feature.Name, bin.Lower ?? double.NegativeInfinity, bin.Upper ?? double.PositiveInfinity);
        var text = condition.ToString();
        var addition = new TrainingAddition
        {
            Feature = feature.Name,
            Condition = text,
            Lower = bin.Lower,
            Upper = bin.Upper,
            Category = bin.Category,
            CurrentShare = currentShare,
            BaselineShare = baselineShare,
            Metric = binMetric,
            BaselineMetric = bin.BaselineMetric,
            Labelled = bin.LabelledCurrent,
            Examples = linkFor(text),
        };
        return (addition, (currentShare - baselineShare) * Math.Abs(binMetric - overall));
    }
}
