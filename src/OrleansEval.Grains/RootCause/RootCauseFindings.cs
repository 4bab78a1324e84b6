using OrleansEval.Drift;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Sketches.Attribution;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Turns a finished <see cref="RootCauseTally"/> into the report: each feature's bins decomposed, their sums, the drift
/// of the feature on its bins (the default policy's measure), the data-quality rates, and what could not be computed.
/// </summary>
internal static class RootCauseFindings
{
    /// <summary>The report of <paramref name="tally"/> for <paramref name="query"/> against the baseline <paramref name="baseline"/>.</summary>
    public static RootCauseReport Report(RootCauseQuery query, string metric, string baseline, RootCauseTally tally)
    {
        var features = tally.Features.Select(Feature).ToList();
        var byMix = features.Any(feature => feature.Mix is not null);
        return new RootCauseReport
        {
            Metric = metric,
            From = query.From,
            To = query.To,
            Baseline = new RootCauseBaseline
            {
                Name = baseline,
                Value = tally.Baseline.Metric,
                Labelled = tally.Baseline.Labelled,
                Rows = tally.Baseline.Rows,
                Deviation = tally.Baseline.Deviation,
            },
            Current = new RootCauseCurrent
            {
                Value = tally.Current.Metric,
                Labelled = tally.Current.Labelled,
                Rows = tally.Current.Rows,
                Deviation = tally.Current.Deviation,
            },
            Change = tally.Current.Metric - tally.Baseline.Metric,
            Features = [.. features.OrderByDescending(feature => Math.Abs((byMix ? feature.Mix : feature.DriftImpact) ?? 0))],
            Prediction = Output(tally.Prediction),
            Actual = Output(tally.Actual),
            Source = tally.PerBin ? RootCauseSources.Bins : RootCauseSources.Rows,
            Approximate = tally.Sampled,
            Slice = query.Slice,
            Conditions = query.Conditions.IsDefault ? [] : query.Conditions,
            Gaps = [.. Gaps(tally)],
        };
    }

    private static FeatureContribution Feature(BinnedColumn column)
    {
        var bins = column.Bins();
        var tallies = bins.Select(bin => bin.Tally).ToArray();
        var parts = ChangeDecomposition.Decompose(tallies);
        var contributions = bins.Select((bin, b) => Bin(bin, parts[b])).ToList();
        var byMix = contributions.Any(bin => bin.Mix is not null);
        var currentRows = tallies.Sum(tally => tally.CurrentRows);
        var baselineRows = tallies.Sum(tally => tally.BaselineRows);
        var missing = bins.FirstOrDefault(bin => bin.Missing)?.Tally ?? default;
        return new FeatureContribution
        {
            Name = column.Name,
            Type = column.Type,
            Drift = Drift(column.Type, bins),
            Mix = Sum(parts.Select(part => part.Mix)),
            Within = Sum(parts.Select(part => part.Within)),
            DriftImpact = Sum(parts.Select(part => part.DriftImpact)),
            Bins = [.. contributions.OrderByDescending(bin => Math.Abs(byMix ? (bin.Mix ?? 0) + (bin.Within ?? 0) : bin.DriftImpact ?? 0))],
            BaselineMissingRate = Rate(missing.BaselineRows, baselineRows),
            CurrentMissingRate = Rate(missing.CurrentRows, currentRows),
            OutOfRangeRate = column.Type == FeatureType.Numeric && baselineRows > missing.BaselineRows && column.OutOfRange is { } outside ? Rate(outside, currentRows) : null,
            UnseenCategoryRate = column.Type == FeatureType.Categorical
                ? Rate(bins.Where(bin => !bin.Missing && bin.Tally.BaselineRows == 0).Sum(bin => bin.Tally.CurrentRows), currentRows)
                : null,
        };
    }

    private static BinContribution Bin(ColumnBin bin, BinDecomposition part) => new()
    {
        Lower = bin.Lower,
        Upper = bin.Upper,
        Category = bin.Category,
        Missing = bin.Missing,
        BaselineShare = part.BaselineShare,
        CurrentShare = part.CurrentShare,
        RowShare = part.RowShare,
        LabelledBaseline = bin.Tally.BaselineLabelled,
        LabelledCurrent = bin.Tally.CurrentLabelled,
        RowsCurrent = bin.Tally.CurrentRows,
        BaselineMetric = part.BaselineMetric,
        CurrentMetric = part.CurrentMetric,
        Mix = part.Mix,
        Within = part.Within,
        DriftImpact = part.DriftImpact,
    };

    // The drift answer's decision on the same bins: every row of each side, the missing bin left out as it is there.
    private static DriftSummary? Drift(FeatureType type, IReadOnlyList<ColumnBin> bins)
    {
        var policy = DriftPolicy.Default;
        var (name, threshold) = type == FeatureType.Numeric
            ? (policy.NumericMeasure, policy.NumericThreshold)
            : (policy.CategoricalMeasure, policy.CategoricalThreshold);
        if (DriftMeasureCatalogue.Find(name) is not IBinnedDriftMeasure measure)
        {
            return null;
        }

        var values = bins.Where(bin => !bin.Missing).ToList();
        var reference = values.Select(bin => (double)bin.Tally.BaselineRows).ToArray();
        var current = values.Select(bin => (double)bin.Tally.CurrentRows).ToArray();
        var score = measure.Compute(reference, current);
        return new DriftSummary(name, score, score >= threshold);
    }

    private static OutputDrift? Output(BinnedColumn? column)
    {
        if (column is null)
        {
            return null;
        }

        var drift = Drift(column.Type, column.Bins());
        return new OutputDrift(column.Name, drift, drift?.Value is null ? "a side has no value of this column (no rows, or no labelled rows for the actual)" : null);
    }

    private static IEnumerable<RootCauseGap> Gaps(RootCauseTally tally)
    {
        if (tally.Baseline.Rows == 0)
        {
            yield return new RootCauseGap("baseline", "no kept rows of the baseline's series and window meet the question (rows are kept for RowRetention after they arrive)");
        }
        else if (tally.Baseline.Labelled == 0)
        {
            yield return new RootCauseGap("driftImpact", "the baseline has no rows labelled for the metric, so no bin has a baseline performance");
        }

        if (tally.Current.Rows == 0)
        {
            yield return new RootCauseGap("current", "no kept rows of the window meet the question");
        }
        else if (tally.Current.Labelled == 0 && tally.Baseline.Labelled > 0)
        {
            yield return new RootCauseGap("mix", "the window has no rows labelled for the metric yet: only driftImpact, which needs no labels, is answered");
            yield return new RootCauseGap("within", "the window has no rows labelled for the metric yet");
        }

        foreach (var gap in tally.PerBin ? PerBinGaps(tally) : OutputGaps(tally))
        {
            yield return gap;
        }

        foreach (var feature in tally.Unbinned)
        {
            yield return new RootCauseGap(feature, "the baseline has no cut points for this numeric feature");
        }
    }

    private static IEnumerable<RootCauseGap> OutputGaps(RootCauseTally tally)
    {
        if (tally.Prediction is null)
        {
            yield return new RootCauseGap("prediction", "the baseline has no cut points for the prediction's numeric column");
        }

        if (tally.Actual is null)
        {
            yield return new RootCauseGap("actual", "the baseline has no cut points for the actual's numeric column");
        }
    }

    private static IEnumerable<RootCauseGap> PerBinGaps(RootCauseTally tally)
    {
        const string Ask = "; ask with source=rows for it";
        if (tally.Prediction is null)
        {
            yield return new RootCauseGap("prediction", "the per-bin state has no exact counts of the prediction on the baseline's bins for this window and task" + Ask);
        }

        if (tally.Actual is null)
        {
            yield return new RootCauseGap("actual", "the per-bin state keeps the actual's distribution for binary classifiers only" + Ask);
        }

        if (tally.Features.Any(feature => feature.Type == FeatureType.Numeric))
        {
            yield return new RootCauseGap("outOfRangeRate", "the per-bin state keeps no values, so it cannot tell a value beyond the baseline's range" + Ask);
        }
    }

    // The sum of a feature's bins, or null if any bin has none or the feature has no bin (no row on either side).
    private static double? Sum(IEnumerable<double?> parts)
    {
        double? sum = null;
        foreach (var part in parts)
        {
            if (part is not { } value)
            {
                return null;
            }

            sum = (sum ?? 0) + value;
        }

        return sum;
    }

    private static double? Rate(long count, long total) => total > 0 ? (double)count / total : null;
}
