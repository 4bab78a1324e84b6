using System.Collections.Immutable;
using Orleans.Concurrency;
using OrleansEval.Compare;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Rows;
using OrleansEval.Slices;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Compare;

/// <summary>
/// Compares versions of a model from its kept rows: reads every version's rows of the window, pairs them by prediction
/// id, and hands the paired outcomes and the champion's slices to <see cref="ComparisonEngine"/>. Holds the labelled
/// rows of the window of every version while it works; a cancelled call stops the reads.
/// </summary>
[StatelessWorker]
internal sealed class ComparisonWorker(IGrainFactory grains) : Grain, IComparisonWorker
{
    /// <summary>How many of the champion's worst slices a comparison answers for.</summary>
    private const int ChampionsWorstSlices = 5;

    public async Task<ComparisonAnswer> CompareAsync(string modelId, ComparisonQuery query, CancellationToken cancellationToken = default)
    {
        if (ComparisonRules.Check(query) is { } broken)
        {
            return ComparisonAnswer.Invalid(broken.Field, broken.Rule);
        }

        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return ComparisonAnswer.UnknownModel(modelId);
        }

        var definition = snapshot.Definition;
        var metric = query.Metric ?? ComparisonMetrics.Default(definition.Task);
        if (ComparisonMetrics.Applicability(metric, definition.Task) is { } inapplicable)
        {
            return ComparisonAnswer.Invalid("metric", inapplicable);
        }

        var unknown = query.Versions.FirstOrDefault(v => !snapshot.Series.Contains(v));
        if (unknown is not null)
        {
            return ComparisonAnswer.Invalid("versions", $"model '{modelId}' has no records of version '{unknown.Version}' in environment '{unknown.Environment}'");
        }

        var baseline = await LatestBaseline.NamedOrLatestAsync(model, snapshot, query.Baseline);
        if (query.Baseline is not null && baseline is null)
        {
            return ComparisonAnswer.Invalid("baseline", $"model '{modelId}' has no baseline named '{query.Baseline}'");
        }

        var asked = query.Slices.IsDefaultOrEmpty ? snapshot.Slices : [.. snapshot.Slices.Where(s => query.Slices.Contains(s.Name))];
        if (!query.Slices.IsDefaultOrEmpty && query.Slices.FirstOrDefault(n => !snapshot.Slices.Any(s => s.Name == n)) is { } missing)
        {
            return ComparisonAnswer.Invalid("slices", $"model '{modelId}' has no slice named '{missing}'");
        }

        var paired = new PairedRows(definition, metric, query.Versions.Length);
        try
        {
            for (var k = 0; k < query.Versions.Length; k++)
            {
                var series = query.Versions[k];
                await foreach (var block in grains.ReadRowsAsync(new RowQuery(modelId, series.Version, series.Environment, query.From, query.To), cancellationToken))
                {
                    paired.Add(k, block);
                }
            }
        }
        catch (WindowTooLargeException e)
        {
            return ComparisonAnswer.Invalid("from", e.Message);
        }

        for (var k = 0; k < query.Versions.Length; k++)
        {
            if (paired.RowsRead[k] == 0)
            {
                return ComparisonAnswer.Invalid("versions", $"version '{query.Versions[k].Version}' has no rows in environment '{query.Versions[k].Environment}' in the window");
            }
        }

        var (rows, outcomes, unpaired) = paired.Pair();
        var frame = new ComparisonReport(
            query.From,
            query.To,
            metric,
            [.. query.Versions.Select(v => $"{v.Version}@{v.Environment}")],
            rows.Count,
            [.. unpaired],
            query.MinSize ?? Math.Max(32, rows.Count / 100),
            [],
            null,
            rows.Count == 0 ? "no labelled prediction id in the window was scored by every version: nothing to compare" : null,
            paired.Sampled);
        if (rows.Count == 0)
        {
            return ComparisonAnswer.Answered(frame);
        }

        var named = asked.Select(s => (s, "named")).Concat(await ChampionsWorstAsync(modelId, query, cancellationToken)).ToList();
        return ComparisonAnswer.Answered(ComparisonEngine.Compare(frame, ComparisonSlices.Of(definition, baseline, named, rows), outcomes));
    }

    // The champion's worst slices of the window (the worst-slice search's default answer over its rows, on the same
    // baseline), each answered as a slice of its conditions; none when the search has nothing to say.
    private async Task<IEnumerable<(SliceDefinition, string)>> ChampionsWorstAsync(string modelId, ComparisonQuery query, CancellationToken cancellationToken)
    {
        var champion = query.Versions[0];
        var search = new WorstSliceQuery(
            champion.Version, champion.Environment, query.From, query.To, query.Baseline, SliceErrorMetrics.Error, null,
            WorstSliceRules.DefaultMaxConditions, WorstSliceRules.DefaultAlpha, ChampionsWorstSlices);
        var answer = await grains.GetGrain<ISliceSearchWorker>(0).SearchAsync(modelId, search, cancellationToken);
        return (answer.Report?.Slices ?? []).Select(slice => (Definition: SliceOf(slice.Conditions), Kind: "worst")).Where(s => s.Definition is not null).Select(s => (s.Definition!, s.Kind));
    }

    private static SliceDefinition? SliceOf(ImmutableArray<string> conditions)
    {
        var parsed = ImmutableArray.CreateBuilder<SliceCondition>(conditions.Length);
        foreach (var text in conditions)
        {
            if (!SliceConditionParser.TryParse(text, out var condition, out _))
            {
                return null;
            }

            parsed.Add(condition!);
        }

        return new SliceDefinition(string.Join(" & ", conditions), parsed.MoveToImmutable());
    }
}
