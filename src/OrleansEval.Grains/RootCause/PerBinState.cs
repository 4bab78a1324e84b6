using System.Collections.Immutable;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Slices;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Counts the current side of a root cause from the slice grains' elementary families instead of rows: per feature and
/// bin the predictions, the labelled ones and their loss sum over the window, and the totals from the whole-model
/// family — one call per feature's family, each adding per-day totals, whatever the rows. It counts only when that state covers the question
/// exactly (whole buckets, every row of the window on the baseline's bins, no category beyond the cap), and otherwise
/// says why, so that the caller counts rows instead.
/// </summary>
internal static class PerBinState
{
    private static long s_counted;

    /// <summary>How many times this process has counted families' answers into a tally (<see cref="Count(TimeWindow, string, IReadOnlyList{SliceBinCountsAnswer}, RootCauseTally)"/>).</summary>
    public static long Counted => Interlocked.Read(ref s_counted);

    /// <summary>
    /// Counts the current side of <paramref name="tally"/> (a <see cref="RootCauseTally.CopyBaseline"/> against
    /// <paramref name="baseline"/>) for <paramref name="query"/>, the outputs through <see cref="PerBinOutputs"/>, its parts' time in <paramref name="spans"/>; null when it did, or why it could not (the tally is then partly counted and must be dropped).
    /// </summary>
    public static async Task<string?> CountAsync(IGrainFactory grains, string modelId, ModelSnapshot snapshot, Baseline baseline, RootCauseQuery query, string metric, RootCauseTally tally, RootCauseSpans spans)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(spans);
        var series = new SeriesId(query.Version!, query.Environment!);
        var window = new TimeWindow(query.From, query.To);
        var families = tally.Features.Select(feature => SliceKey.ColumnFamily(feature.Name)).Prepend(SliceKey.All);
        var prediction = PerBinOutputs.ReadPredictionAsync(grains, modelId, baseline, query, tally);
        var answers = await Task.WhenAll(families.Select(family => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, family)).GetBinCountsAsync(window)));
        spans.End("families");
        if (Count(window, metric, answers, tally) is { } refusal)
        {
            return refusal;
        }

        spans.End("bins");
        PerBinOutputs.Count(snapshot.Definition, Total(answers), await prediction, tally);
        spans.End("outputs");
        return null;
    }

    /// <summary>
    /// Counts the families' <paramref name="answers"/> over <paramref name="window"/> (the whole-model family's first,
    /// then one per feature of <paramref name="tally"/>, in its order) into the current side of <paramref name="tally"/>,
    /// with no grain call; null when it did, or why it could not.
    /// </summary>
    public static string? Count(TimeWindow window, string metric, IReadOnlyList<SliceBinCountsAnswer> answers, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(tally);
        Interlocked.Increment(ref s_counted);
        if (answers.Any(answer => answer.Answered != window))
        {
            return "the window cuts a day whose buckets were rolled up into one";
        }

        var total = Total(answers);
        if (total is not null && Unkept(total, metric) is { } unkept)
        {
            return unkept;
        }

        var (whole, squares) = total is null ? (new BinCounts(0, 0, 0), 0) : Counts(total, metric);
        tally.Current.Add(whole, squares);
        for (var f = 0; f < tally.Features.Count; f++)
        {
            if (Count(tally.Features[f], answers[f + 1].Members, metric, whole.Rows) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>The whole model's counts in the whole-model family's answer, the first of <paramref name="answers"/>.</summary>
    public static SliceBinCounts? Total(IReadOnlyList<SliceBinCountsAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers[0].Members.FirstOrDefault(member => member.Member == SliceKey.All);
    }

    private static string? Count(BinnedColumn feature, ImmutableArray<SliceBinCounts> members, string metric, long rows)
    {
        var bins = feature.Type == FeatureType.Numeric ? feature.IntervalMembers() : null;
        long counted = 0;
        foreach (var counts in members.Where(member => member.Predictions > 0 || member.Labelled > 0))
        {
            var member = counts.Member;
            if (member == SliceRouter.OtherMember)
            {
                return $"feature '{feature.Name}' has more categories in the window than a slice family keeps apart (SliceMembersPerColumn)";
            }

            var bin = bins is null || member == SliceRouter.MissingMember ? 0 : bins.GetValueOrDefault(member, -1);
            if (bin < 0)
            {
                continue; // another baseline's interval of the same column
            }

            if (Unkept(counts, metric) is { } unkept)
            {
                return unkept;
            }

            Add(feature, member, bin, Counts(counts, metric).Counts);
            counted += counts.Predictions;
        }

        return counted == rows
            ? null
            : $"feature '{feature.Name}' has {counted} rows of the window on the baseline's bins against {rows} in all (rows that came before its bins were active)";
    }

    private static void Add(BinnedColumn feature, string member, int bin, BinCounts counts)
    {
        if (member == SliceRouter.MissingMember)
        {
            feature.AddCurrentMissing(counts);
        }
        else if (feature.Type == FeatureType.Numeric)
        {
            feature.AddCurrentBin(bin, counts);
        }
        else
        {
            // The router escapes a category that could pass for an interval or a special member with a backslash.
            feature.AddCurrentCategory(member.StartsWith('\\') ? member[1..] : member, counts);
        }
    }

    // A member's counts under the metric, with the sum of the losses' squares: accuracy and errorRate from its right
    // predictions (a 0/1 loss is its own square), mae from its absolute and squared error sums, the others from the
    // moments the buckets keep of them.
    private static (BinCounts Counts, double Squares) Counts(SliceBinCounts counts, string metric) => metric switch
    {
        RootCauseMetrics.Accuracy => (new(counts.Predictions, counts.Labelled, counts.Correct), counts.Correct),
        RootCauseMetrics.ErrorRate => (new(counts.Predictions, counts.Labelled, counts.Labelled - counts.Correct), counts.Labelled - counts.Correct),
        RootCauseMetrics.Mae => (new(counts.Predictions, counts.Labelled, counts.AbsoluteErrorSum), counts.SquaredErrorSum),
        _ => Moments(counts, LossSums(counts, metric)),
    };

    private static (BinCounts Counts, double Squares) Moments(SliceBinCounts counts, SliceLossSums? sums) =>
        (new(counts.Predictions, sums?.Count ?? 0, sums?.Sum ?? 0), sums?.Squares ?? 0);

    private static SliceLossSums? LossSums(SliceBinCounts counts, string metric) => metric switch
    {
        RootCauseMetrics.LogLoss => counts.LogLoss,
        RootCauseMetrics.Brier => counts.Brier,
        RootCauseMetrics.SquaredError => counts.SquaredError,
        _ => null,
    };

    // Why a member's state cannot give the metric's moments exactly, or null when it can.
    private static string? Unkept(SliceBinCounts counts, string metric)
    {
        if (metric is RootCauseMetrics.Accuracy or RootCauseMetrics.ErrorRate or RootCauseMetrics.Mae)
        {
            return null;
        }

        if (!counts.LossesComplete)
        {
            return $"some outcomes of the window were counted before the slice state kept the {metric} loss's sums of squares";
        }

        return metric == RootCauseMetrics.SquaredError && (counts.SquaredError?.Count ?? 0) != counts.Labelled
            ? "some squared errors of the window are too large to square again"
            : null;
    }

    /// <summary>Why the window is not whole buckets of <paramref name="bucket"/>, which the per-bin state needs; null when it is.</summary>
    public static string? Misaligned(RootCauseQuery query, TimeSpan bucket)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = bucket.Ticks;
        var from = query.From.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var to = query.To.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return size > 0 && from % size == 0 && to % size == 0
            ? null
            : $"the window does not start and end on the model's buckets ({bucket})";
    }
}
