using System.Collections.Immutable;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.Models;
using OrleansEval.Models;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.Features;

/// <summary>
/// Turns the buckets of a window and a baseline column into a drift answer: the bins with both proportions, every
/// measure, and the decision. Numeric bins cover the values present (missing values are reported apart); categorical
/// bins are the union of both sides' categories, plus a missing bin when either side has missing values.
/// </summary>
internal static partial class ColumnDriftCalculator
{
    /// <summary>Category of the bin that holds the mass a frequent-items sketch no longer names.</summary>
    public const string OtherCategory = "(other)";

    /// <summary>
    /// The drift of one column over <paramref name="buckets"/>; <paramref name="referenceSample"/> gives the baseline
    /// column's sorted sample (read from its sketch, or kept from an earlier answer) when a numeric answer needs it.
    /// </summary>
    public static ColumnDrift Calculate(
        string column,
        IEnumerable<ColumnBucket> buckets,
        ColumnDriftRequest request,
        ColumnSettings settings,
        long ksExactCellBudget,
        Func<BaselineColumn, ReferenceSample> referenceSample) =>
        request.Reference.Type == FeatureType.Numeric
            ? Numeric(column, WindowMerge.MergeNumeric(buckets, request.CounterKey, settings.QuantileK, settings.WindowExactCapacity), request, ksExactCellBudget, referenceSample)
            : Categorical(column, WindowMerge.MergeCategorical(buckets, settings.CategoryCap), request);

    private static ColumnDrift Numeric(string column, MergedNumeric current, ColumnDriftRequest request, long ksExactCellBudget, Func<BaselineColumn, ReferenceSample> referenceSample)
    {
        var reference = request.Reference;
        var cuts = reference.CutPoints;
        var exactCounts = current.ExactBinCounts is not null || current.Sketch.IsExact;
        var currentCounts = current.ExactBinCounts ?? current.Sketch.BinCounts(cuts.AsSpan());
        var bins = Bins(reference.Counts.AsSpan(), currentCounts, i => (i == 0 ? null : cuts[i - 1], i == cuts.Length ? null : cuts[i], null));
        var view = current.Sketch.GetSortedView();
        var answer = new ColumnDrift
        {
            Name = column,
            Type = FeatureType.Numeric,
            Count = current.Sketch.Count,
            Missing = current.Missing,
            TypeErrors = current.TypeErrors,
            MissingRate = Rate(current.Missing, current.Sketch.Count + current.Missing + current.TypeErrors),
            TypeErrorRate = Rate(current.TypeErrors, current.Sketch.Count + current.Missing + current.TypeErrors),
            OutOfRangeRate = reference.Count == 0 || current.Sketch.IsEmpty
                ? null
                : (double)(view.WeightBelow(reference.Min) + (view.TotalWeight - view.WeightAtOrBelow(reference.Max))) / view.TotalWeight,
            Bins = bins,
            Measure = request.Policy.NumericMeasure,
            Threshold = request.Policy.NumericThreshold,
            Approximate = reference.Approximate || !exactCounts,
            Mean = current.Moments.IsEmpty ? null : current.Moments.Mean,
            Measures = Answered(DriftCalculator.Undefined(DriftFeatureKind.Numeric)),
        };
        if (current.Sketch.IsEmpty || reference.Count == 0)
        {
            return answer with { Note = current.Sketch.IsEmpty ? "no values in the window" : "no values in the baseline" };
        }

        var referenceSamples = referenceSample(reference);
        var inputs = new DriftInputs(
            DriftFeatureKind.Numeric,
            reference.Counts.AsMemory(),
            currentCounts,
            referenceSamples.View,
            view,
            reference.StandardDeviation,
            new DriftOptions(new KolmogorovSmirnovOptions(ExactCellBudget: ksExactCellBudget)),
            samplesApproximate: !referenceSamples.IsExact || !current.Sketch.IsExact);
        return WithMeasures(answer, DriftCalculator.Compute(inputs), request.Policy.NumericMeasure, request.Policy.NumericThreshold);
    }

    private static ColumnDrift Categorical(string column, MergedCategorical current, ColumnDriftRequest request)
    {
        var reference = request.Reference;
        var categories = new SortedSet<string>(reference.Categories, StringComparer.Ordinal);
        categories.UnionWith(current.Counts.Counts.Keys);
        var labels = new List<string?>(categories);
        var referenceCounts = new List<double>(labels.Select(c => IndexOf(reference.Categories, c!) is var i and >= 0 ? reference.Counts[i] : 0));
        var currentCounts = new List<double>(labels.Select(c => (double)current.Counts.CountOf(c!)));
        if (current.Counts.OtherCount > 0)
        {
            labels.Add(OtherCategory);
            referenceCounts.Add(0);
            currentCounts.Add(current.Counts.OtherCount);
        }

        if (reference.Missing > 0 || current.Missing > 0)
        {
            labels.Add(null);
            referenceCounts.Add(reference.Missing);
            currentCounts.Add(current.Missing);
        }

        var known = new HashSet<string>(reference.Categories, StringComparer.Ordinal);
        var unseen = current.Counts.OtherCount + current.Counts.Counts.Where(c => !known.Contains(c.Key)).Sum(c => c.Value);
        var answer = new ColumnDrift
        {
            Name = column,
            Type = FeatureType.Categorical,
            Count = current.Counts.Count,
            Missing = current.Missing,
            TypeErrors = current.TypeErrors,
            MissingRate = Rate(current.Missing, current.Counts.Count + current.Missing + current.TypeErrors),
            TypeErrorRate = Rate(current.TypeErrors, current.Counts.Count + current.Missing + current.TypeErrors),
            UnseenCategoryRate = Rate(unseen, current.Counts.Count),
            Bins = Bins(referenceCounts.ToArray(), currentCounts.ToArray(), i => (null, null, labels[i])),
            Measure = request.Policy.CategoricalMeasure,
            Threshold = request.Policy.CategoricalThreshold,
            Approximate = reference.Approximate || !current.Counts.IsExact,
            Measures = Answered(DriftCalculator.Undefined(DriftFeatureKind.Categorical)),
        };
        if (current.Counts.IsEmpty && current.Missing == 0)
        {
            return answer with { Note = "no values in the window" };
        }

        var measures = DriftCalculator.ComputeCategorical(referenceCounts.ToArray(), currentCounts.ToArray());
        return WithMeasures(answer, measures, request.Policy.CategoricalMeasure, request.Policy.CategoricalThreshold);
    }

    /// <summary>The answer for a column the baseline does not have: every measure undefined, and why.</summary>
    public static ColumnDrift NotInBaseline(ModelColumn column) => new()
    {
        Name = column.Name,
        Type = column.Type,
        Measure = column.Type == FeatureType.Numeric ? DriftPolicy.Default.NumericMeasure : DriftPolicy.Default.CategoricalMeasure,
        Threshold = column.Type == FeatureType.Numeric ? DriftPolicy.Default.NumericThreshold : DriftPolicy.Default.CategoricalThreshold,
        Note = "the column was added after the baseline was frozen",
        Measures = ColumnDriftCalculator.UndefinedMeasures(column.Type),
    };

    /// <summary>Every measure of the kind with no data to compare: the measures a column answer lists, all undefined.</summary>
    public static ImmutableArray<MeasureValue> UndefinedMeasures(FeatureType type) =>
        Answered(DriftCalculator.Undefined(type == FeatureType.Numeric ? DriftFeatureKind.Numeric : DriftFeatureKind.Categorical));

    // The direction of the deciding measure comes from the catalogue; a policy naming an unknown measure is a caller's error.
    private static ColumnDrift WithMeasures(ColumnDrift answer, DriftMeasures measures, string measure, double threshold)
    {
        var descriptor = DriftMeasureCatalogue.Find(measure) ?? throw new ArgumentException($"Unknown drift measure '{measure}'.", nameof(measure));
        var decision = new DriftThreshold(measure, threshold, descriptor.Direction).Evaluate(measures.Score(measure));
        return answer with { Measures = Answered(measures), Drifted = decision.Drifted ?? false };
    }

    private static ImmutableArray<MeasureValue> Answered(DriftMeasures measures) =>
        [.. measures.Results.Select(r => new MeasureValue
        {
            Name = r.Name,
            Score = r.Score,
            Parts = [.. r.Details.Select(d => new MeasurePart(d.Name, d.Number, d.Text, d.Flag))],
        })];

    private static ImmutableArray<DriftBin> Bins(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, Func<int, (double? Lower, double? Upper, string? Category)> describe)
    {
        double referenceTotal = 0, currentTotal = 0;
        foreach (var count in reference)
        {
            referenceTotal += count;
        }

        foreach (var count in current)
        {
            currentTotal += count;
        }

        var bins = ImmutableArray.CreateBuilder<DriftBin>(reference.Length);
        for (var i = 0; i < reference.Length; i++)
        {
            var (lower, upper, category) = describe(i);
            bins.Add(new DriftBin(
                lower,
                upper,
                category,
                referenceTotal > 0 ? reference[i] / referenceTotal : 0,
                currentTotal > 0 ? current[i] / currentTotal : 0,
                reference[i],
                current[i]));
        }

        return bins.MoveToImmutable();
    }

    private static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private static int IndexOf(ImmutableArray<string> categories, string category)
    {
        for (var i = 0; i < categories.Length; i++)
        {
            if (string.Equals(categories[i], category, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
