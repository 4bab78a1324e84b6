using Orleans.Concurrency;
using OrleansEval.Baselines;
using OrleansEval.Compare;
using OrleansEval.GrainInterfaces;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Compare;

/// <summary>
/// Compares versions of a model from its kept rows: reads every version's rows of the window, pairs them by prediction
/// id, and hands the paired outcomes and the champion's slices to <see cref="ComparisonEngine"/>. Holds the labelled
/// rows of the window of every version while it works; a cancelled call stops the reads.
/// </summary>
[StatelessWorker]
internal sealed class ComparisonWorker(IGrainFactory grains) : Grain, IComparisonWorker
{
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

        var baseline = query.Baseline is { } name ? await model.GetBaselineAsync(name) : await LatestBaselineAsync(model, snapshot);
        if (query.Baseline is not null && baseline is null)
        {
            return ComparisonAnswer.Invalid("baseline", $"model '{modelId}' has no baseline named '{query.Baseline}'");
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
        return rows.Count == 0
            ? ComparisonAnswer.Answered(frame)
            : ComparisonAnswer.Answered(ComparisonEngine.Compare(frame, ComparisonSlices.Of(definition, baseline, snapshot.Slices, rows), outcomes));
    }

    private static async Task<Baseline?> LatestBaselineAsync(IModelGrain model, ModelSnapshot snapshot)
    {
        var baselines = await Task.WhenAll(snapshot.Baselines.Select(name => model.GetBaselineAsync(name)));
        return baselines.Where(baseline => baseline is not null).MaxBy(baseline => baseline!.Revision);
    }
}
