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
    /// <summary>
    /// True for the metrics whose loss sum, and its sum of squares, a slice member's counts give: accuracy and errorRate
    /// (counts of right and wrong predictions) and mae (the absolute and the squared error sums).
    /// </summary>
    public static bool Answers(string metric) => metric is RootCauseMetrics.Accuracy or RootCauseMetrics.ErrorRate or RootCauseMetrics.Mae;

    /// <summary>
    /// Counts the current side of <paramref name="tally"/> (a <see cref="RootCauseTally.CopyBaseline"/> against
    /// <paramref name="baseline"/>) for <paramref name="query"/>, the outputs through <see cref="PerBinOutputs"/>; null when it did, or why it could not (the tally is then partly counted and must be dropped).
    /// </summary>
    public static async Task<string?> CountAsync(IGrainFactory grains, string modelId, ModelSnapshot snapshot, Baseline baseline, RootCauseQuery query, string metric, RootCauseTally tally)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tally);
        if (Misaligned(query, snapshot.Definition.Bucket) is { } misaligned)
        {
            return misaligned;
        }

        var series = new SeriesId(query.Version!, query.Environment!);
        var window = new TimeWindow(query.From, query.To);
        var families = tally.Features.Select(feature => SliceKey.ColumnFamily(feature.Name)).Prepend(SliceKey.All);
        var answers = await Task.WhenAll(families.Select(family => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, family)).GetBinCountsAsync(window)));
        if (answers.Any(answer => answer.Answered != window))
        {
            return "the window cuts a day whose buckets were rolled up into one";
        }

        var total = answers[0].Members.FirstOrDefault(member => member.Member == SliceKey.All);
        var whole = total is null ? new BinCounts(0, 0, 0) : Counts(total, metric);
        tally.Current.Add(whole, Squares(total, metric, whole));
        for (var f = 0; f < tally.Features.Count; f++)
        {
            if (Count(tally.Features[f], answers[f + 1].Members, metric, whole.Rows) is { } refusal)
            {
                return refusal;
            }
        }

        await PerBinOutputs.CountAsync(grains, modelId, snapshot, baseline, query, total, tally);
        return null;
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

            Add(feature, member, bin, Counts(counts, metric));
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

    // A member's counts under the metric: accuracy and errorRate from its right predictions, mae from its error sum.
    private static BinCounts Counts(SliceBinCounts counts, string metric) => new(
        counts.Predictions,
        counts.Labelled,
        metric switch
        {
            RootCauseMetrics.Accuracy => counts.Correct,
            RootCauseMetrics.ErrorRate => counts.Labelled - counts.Correct,
            _ => counts.AbsoluteErrorSum,
        });

    // The sum of the losses' squares: a 0/1 loss is its own square; an absolute error's square is the squared error.
    private static double Squares(SliceBinCounts? counts, string metric, BinCounts whole) =>
        metric == RootCauseMetrics.Mae ? counts?.SquaredErrorSum ?? 0 : whole.Loss;

    private static string? Misaligned(RootCauseQuery query, TimeSpan bucket)
    {
        var size = bucket.Ticks;
        var from = query.From.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var to = query.To.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return size > 0 && from % size == 0 && to % size == 0
            ? null
            : $"the window does not start and end on the model's buckets ({bucket})";
    }
}
