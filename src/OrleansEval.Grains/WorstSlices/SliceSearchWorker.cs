using Orleans.Concurrency;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Rows;
using OrleansEval.Sketches.Slicing;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WorstSlices;

/// <summary>
/// Finds the worst slices of a window: reads the model and the baseline that bins its numeric features, and streams the
/// window's rows from the row store through <see cref="WorstSliceSearch"/>. A cancelled call stops the read and the search.
/// </summary>
[StatelessWorker]
internal sealed class SliceSearchWorker(IGrainFactory grains) : Grain, ISliceSearchWorker
{
    public async Task<WorstSliceAnswer> SearchAsync(string modelId, WorstSliceQuery query, CancellationToken cancellationToken = default)
    {
        if (WorstSliceRules.Check(query) is { } broken)
        {
            return WorstSliceAnswer.Invalid(broken.Field, broken.Rule);
        }

        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return WorstSliceAnswer.UnknownModel(modelId);
        }

        if (WorstSliceRules.Applicability(query.Metric, snapshot.Definition.Task) is { } inapplicable)
        {
            return WorstSliceAnswer.Invalid("metric", inapplicable);
        }

        var baseline = await LatestBaseline.NamedOrLatestAsync(model, snapshot, query.Baseline);
        if (query.Baseline is not null && baseline is null)
        {
            return WorstSliceAnswer.Invalid("baseline", $"model '{modelId}' has no baseline named '{query.Baseline}'");
        }

        var rows = grains.ReadRowsAsync(new RowQuery(modelId, query.Version, query.Environment, query.From, query.To), cancellationToken);
        try
        {
            return WorstSliceAnswer.Answered(await WorstSliceSearch.RunAsync(snapshot.Definition, baseline, query, rows, cancellationToken));
        }
        catch (SliceSearchLimitException e)
        {
            return WorstSliceAnswer.Invalid("minSize", e.Message);
        }
    }
}
