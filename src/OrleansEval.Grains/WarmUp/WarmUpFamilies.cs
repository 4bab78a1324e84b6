using System.Collections.Immutable;
using OrleansEval.Grains.Rollups;
using OrleansEval.Keys;
using OrleansEval.Grains.Slices;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Rows;
using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Estimation;
using OrleansEval.Slices;

namespace OrleansEval.Grains.WarmUp;

/// <summary>
/// What the synthetic model's slice families would answer a per-bin root cause over its window — the whole-model
/// family's counts, then each feature's per member (an interval of the baseline's cut points, a category, missing) —
/// and its label-free estimate, counted in memory by the slice state's own code (<see cref="SliceBucket"/>,
/// <see cref="MemberTotals"/>, day estimation states merged as the whole-model family merges them). No grain is asked.
/// </summary>
internal static class WarmUpFamilies
{
    /// <summary>The families' answers over the window: the whole-model family's first, then one per feature of <paramref name="features"/>, in order.</summary>
    public static IReadOnlyList<SliceBinCountsAnswer> Answers(IReadOnlyList<string> features)
    {
        var window = new TimeWindow(WarmUpRows.From, WarmUpRows.To);
        var columns = features.Select(name => WarmUpRows.Definition.Features.Single(feature => feature.Name == name)).ToList();
        var calibration = Calibration();
        var families = new List<Dictionary<string, SliceBucket>> { new(StringComparer.Ordinal) };
        families.AddRange(columns.Select(_ => new Dictionary<string, SliceBucket>(StringComparer.Ordinal)));
        foreach (var block in WarmUpRows.CurrentBlocks)
        {
            for (var row = 0; row < block.PredictionIds.Length; row++)
            {
                Add(families[0], SliceKey.All, block, row, calibration);
                for (var f = 0; f < columns.Count; f++)
                {
                    Add(families[f + 1], Member(columns[f], block, row), block, row, calibration);
                }
            }
        }

        return [.. families.Select(family => new SliceBinCountsAnswer(
            window,
            [.. family.OrderBy(member => member.Key, StringComparer.Ordinal).Select(member => Totals(member.Value).ToCounts(member.Key))],
            Revision: "0",
            DaysAdded: 0))];
    }

    /// <summary>The window's predictions per bin of the baseline's score cut points, as the score's column counts them.</summary>
    public static IReadOnlyList<long> PredictionCounts()
    {
        var edges = new BinEdges(WarmUpRows.Baseline.FindColumn(ColumnNames.PredictionScore)!.CutPoints);
        var counts = new long[edges.BinCount];
        foreach (var block in WarmUpRows.CurrentBlocks)
        {
            foreach (var score in block.Scores)
            {
                counts[edges.BinOf(score)]++;
            }
        }

        return counts;
    }

    /// <summary>The window's estimated accuracy, from estimation states merged per day and then over the days.</summary>
    public static double? EstimatedAccuracy()
    {
        var calibration = Calibration();
        var days = new Dictionary<long, SliceBucket>();
        foreach (var block in WarmUpRows.CurrentBlocks)
        {
            for (var row = 0; row < block.PredictionIds.Length; row++)
            {
                var day = DayRollup.DayOf(block.Timestamps[row].ToUnixTimeSeconds());
                if (!days.TryGetValue(day, out var bucket))
                {
                    days[day] = bucket = new SliceBucket();
                }

                bucket.AddPrediction(block.Scores[row], calibration, WarmUpRows.Definition.Threshold);
            }
        }

        var key = SliceBucket.EstimateKey(calibration, WarmUpRows.Definition.Threshold);
        CbpeState? merged = null;
        foreach (var (_, bucket) in days.OrderBy(day => day.Key))
        {
            merged = SliceGrain.Merged(merged, bucket.Estimates.GetValueOrDefault(key));
        }

        return SliceMetrics.Estimated(merged)["accuracy"]?.Value;
    }

    // The calibration the baseline's scores and labels fit, as a series' current one.
    private static CalibrationMap Calibration()
    {
        var (scores, actuals) = (new List<double>(), new List<bool>());
        foreach (var block in WarmUpRows.BaselineBlocks)
        {
            for (var row = 0; row < block.PredictionIds.Length; row++)
            {
                if (block.ActualLabels[row] is { } actual)
                {
                    scores.Add(block.Scores[row]);
                    actuals.Add(actual == WarmUpRows.Definition.PositiveLabel);
                }
            }
        }

        return CalibrationMap.Fit(scores.ToArray(), actuals.ToArray());
    }

    private static void Add(Dictionary<string, SliceBucket> family, string member, RowBlock block, int row, CalibrationMap calibration)
    {
        if (!family.TryGetValue(member, out var bucket))
        {
            family[member] = bucket = new SliceBucket();
        }

        var definition = WarmUpRows.Definition;
        bucket.AddPrediction(block.Scores[row], calibration, definition.Threshold);
        if (block.ActualLabels[row] is { } actual)
        {
            bucket.AddOutcome(definition.Task, definition.PositiveLabel, block.Scores[row], block.PredictedLabels[row], double.NaN, actual, double.NaN, weight: 1);
        }
    }

    // The member the router keeps a row's value under: the baseline's interval for a number, the category, or missing.
    private static string Member(FeatureDefinition feature, RowBlock block, int row)
    {
        var column = block.Features.Single(c => c.Name == feature.Name);
        if (feature.Type == FeatureType.Numeric)
        {
            var value = column.Numbers[row];
            if (double.IsNaN(value))
            {
                return SliceRouter.MissingMember;
            }

            var edges = new BinEdges(WarmUpRows.Baseline.FindColumn(feature.Name)!.CutPoints);
            var bin = edges.BinOf(value);
            return SliceCondition.Interval(edges.Lower(bin) ?? double.NegativeInfinity, edges.Upper(bin) ?? double.PositiveInfinity);
        }

        return column.Categories[row] is { } category ? SliceRouter.CategoryMember(category) : SliceRouter.MissingMember;
    }

    private static MemberTotals Totals(SliceBucket bucket)
    {
        var totals = new MemberTotals();
        totals.Add(bucket);
        return totals;
    }
}
