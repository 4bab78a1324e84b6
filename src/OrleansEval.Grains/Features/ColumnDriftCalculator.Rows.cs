using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Models;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.Features;

/// <summary>
/// The drift of a column from the kept rows of both sides (a sliced read): the same bins as from sketches (numeric: the
/// baseline's cut points; categorical: the sorted union of both sides' categories, then missing) and the same measures,
/// with exact sorted views of every value so the sample measures are exact. Rows keep no rejected value, so type
/// errors are zero.
/// </summary>
internal static partial class ColumnDriftCalculator
{
    public static ColumnDrift FromRows(string column, ColumnValues baseline, ColumnValues current, BaselineColumn reference, DriftPolicy policy, bool sampled, long ksExactCellBudget)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(policy);
        return reference.Type == FeatureType.Numeric
            ? NumericFromRows(column, baseline, current, reference, policy, sampled, ksExactCellBudget)
            : CategoricalFromRows(column, baseline, current, policy, sampled);
    }

    private static ColumnDrift NumericFromRows(string column, ColumnValues baseline, ColumnValues current, BaselineColumn reference, DriftPolicy policy, bool sampled, long ksExactCellBudget)
    {
        var cuts = reference.CutPoints;
        var referenceCounts = baseline.BinCounts(cuts);
        var currentCounts = current.BinCounts(cuts);
        var referenceView = baseline.SortedView();
        var view = current.SortedView();
        var referenceMoments = baseline.Moments();
        var moments = current.Moments();
        var answer = new ColumnDrift
        {
            Name = column,
            Type = FeatureType.Numeric,
            Count = current.Count,
            Missing = current.Missing,
            MissingRate = Rate(current.Missing, current.Count + current.Missing),
            TypeErrorRate = Rate(0, current.Count + current.Missing),
            OutOfRangeRate = referenceMoments.IsEmpty || moments.IsEmpty
                ? null
                : (double)(view.WeightBelow(referenceMoments.Min) + (view.TotalWeight - view.WeightAtOrBelow(referenceMoments.Max))) / view.TotalWeight,
            Bins = Bins(referenceCounts, currentCounts, i => (i == 0 ? null : cuts[i - 1], i == cuts.Length ? null : cuts[i], null)),
            Measure = policy.NumericMeasure,
            Threshold = policy.NumericThreshold,
            Approximate = sampled,
            Mean = moments.IsEmpty ? null : moments.Mean,
            Measures = Answered(DriftCalculator.Undefined(DriftFeatureKind.Numeric)),
        };
        if (moments.IsEmpty || referenceMoments.IsEmpty)
        {
            return answer with { Note = moments.IsEmpty ? "no values in the window" : "no values in the baseline" };
        }

        var inputs = new DriftInputs(
            DriftFeatureKind.Numeric,
            referenceCounts,
            currentCounts,
            referenceView,
            view,
            referenceMoments.StandardDeviation,
            new DriftOptions(new KolmogorovSmirnovOptions(ExactCellBudget: ksExactCellBudget)),
            samplesApproximate: sampled);
        return WithMeasures(answer, DriftCalculator.Compute(inputs), policy.NumericMeasure, policy.NumericThreshold);
    }

    private static ColumnDrift CategoricalFromRows(string column, ColumnValues baseline, ColumnValues current, DriftPolicy policy, bool sampled)
    {
        var categories = new SortedSet<string>(baseline.Categories.Keys, StringComparer.Ordinal);
        categories.UnionWith(current.Categories.Keys);
        var labels = new List<string?>(categories);
        var referenceCounts = new List<double>(categories.Select(c => (double)baseline.CountOf(c)));
        var currentCounts = new List<double>(categories.Select(c => (double)current.CountOf(c)));
        if (baseline.Missing > 0 || current.Missing > 0)
        {
            labels.Add(null);
            referenceCounts.Add(baseline.Missing);
            currentCounts.Add(current.Missing);
        }

        var unseen = current.Categories.Where(c => baseline.CountOf(c.Key) == 0).Sum(c => c.Value);
        var answer = new ColumnDrift
        {
            Name = column,
            Type = FeatureType.Categorical,
            Count = current.Count,
            Missing = current.Missing,
            MissingRate = Rate(current.Missing, current.Count + current.Missing),
            TypeErrorRate = Rate(0, current.Count + current.Missing),
            UnseenCategoryRate = Rate(unseen, current.Count),
            Bins = Bins(referenceCounts.ToArray(), currentCounts.ToArray(), i => (null, null, labels[i])),
            Measure = policy.CategoricalMeasure,
            Threshold = policy.CategoricalThreshold,
            Approximate = sampled,
            Measures = Answered(DriftCalculator.Undefined(DriftFeatureKind.Categorical)),
        };
        if (current.Count == 0 && current.Missing == 0)
        {
            return answer with { Note = "no values in the window" };
        }

        var measures = DriftCalculator.ComputeCategorical(referenceCounts.ToArray(), currentCounts.ToArray());
        return WithMeasures(answer, measures, policy.CategoricalMeasure, policy.CategoricalThreshold);
    }
}
