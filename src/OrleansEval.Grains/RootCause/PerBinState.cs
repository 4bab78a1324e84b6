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
/// family — one call per feature's family, whatever the rows. It counts only when that state covers the question
/// exactly (whole buckets, every row of the window on the baseline's bins, no category beyond the cap), and otherwise
/// says why, so that the caller counts rows instead.
/// </summary>
internal static class PerBinState
{
    /// <summary>
    /// True for the metrics whose loss sum, and its sum of squares, follow exactly from the realised metrics a slice keeps:
    /// accuracy and errorRate (counts of right and wrong predictions) and mae (with the rmse for the squares).
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
        var answers = await Task.WhenAll(families.Select(family => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, family)).GetMembersAsync(window)));
        var total = answers[0].FirstOrDefault(member => member.Slice == SliceKey.All);
        if (total is not null && (total.From != query.From || total.To != query.To))
        {
            return "the window cuts a day whose buckets were rolled up into one";
        }

        var totals = total is null ? new BinCounts(0, 0, 0) : Counts(total, metric);
        if (totals is not { } whole)
        {
            return "the whole model's realised metric is undefined for the window";
        }

        tally.Current.Add(whole, Squares(total!, metric, whole));
        for (var f = 0; f < tally.Features.Count; f++)
        {
            if (Count(tally.Features[f], answers[f + 1], metric, whole.Rows) is { } refusal)
            {
                return refusal;
            }
        }

        await PerBinOutputs.CountAsync(grains, modelId, snapshot, baseline, query, total, tally);
        return null;
    }

    private static string? Count(BinnedColumn feature, ImmutableArray<SlicePerformance> members, string metric, long rows)
    {
        var bins = feature.Type == FeatureType.Numeric ? feature.IntervalMembers() : null;
        long counted = 0;
        foreach (var performance in members.Where(member => member.Predictions > 0 || member.Labelled > 0))
        {
            var member = SliceKey.FromApiId(performance.Slice).Member;
            if (member == SliceRouter.OtherMember)
            {
                return $"feature '{feature.Name}' has more categories in the window than a slice family keeps apart (SliceMembersPerColumn)";
            }

            var bin = bins is null || member == SliceRouter.MissingMember ? 0 : bins.GetValueOrDefault(member, -1);
            if (bin < 0)
            {
                continue; // another baseline's interval of the same column
            }

            if (Counts(performance, metric) is not { } counts)
            {
                return $"the realised metric of '{performance.Slice}' is undefined for the window";
            }

            Add(feature, member, bin, counts);
            counted += counts.Rows;
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

    // A slice's counts under the metric: accuracy and errorRate from the count of right predictions, mae from its mean.
    private static BinCounts? Counts(SlicePerformance performance, string metric)
    {
        if (performance.Labelled == 0)
        {
            return new BinCounts(performance.Predictions, 0, 0);
        }

        var name = metric == RootCauseMetrics.Mae ? RootCauseMetrics.Mae : RootCauseMetrics.Accuracy;
        if (performance.Realised[name]?.Value is not { } mean)
        {
            return null;
        }

        var labelled = performance.Labelled;
        var loss = metric switch
        {
            RootCauseMetrics.Accuracy => Math.Round(mean * labelled),
            RootCauseMetrics.ErrorRate => labelled - Math.Round(mean * labelled),
            _ => mean * labelled,
        };
        return new BinCounts(performance.Predictions, labelled, loss);
    }

    // The sum of the losses' squares: a 0/1 loss is its own square; an absolute error's square is the squared error.
    private static double Squares(SlicePerformance performance, string metric, BinCounts counts) =>
        metric == RootCauseMetrics.Mae && performance.Realised["rmse"]?.Value is { } rmse ? rmse * rmse * counts.Labelled : counts.Loss;

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
