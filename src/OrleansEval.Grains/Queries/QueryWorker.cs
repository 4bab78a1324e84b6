using Orleans.Concurrency;
using OrleansEval.Drift;
using OrleansEval.Grains.Models;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Queries;

/// <summary>
/// Answers drift questions: reads the model and baseline once, then asks every column grain for its drift in
/// parallel, so the work spreads over the silos that host the columns.
/// </summary>
[StatelessWorker]
internal sealed class QueryWorker(IGrainFactory grains) : Grain, IQueryWorker
{
    public async Task<DriftAnswer> GetDriftAsync(string modelId, DriftQuery query)
    {
        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return new DriftAnswer(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
        }

        var baseline = await model.GetBaselineAsync(query.Baseline);
        if (baseline is null)
        {
            return new DriftAnswer(null, "baseline", $"model '{modelId}' has no baseline named '{query.Baseline}'", NotFound: false);
        }

        var window = TimeWindow.Snap(query.From, query.To, snapshot.Definition.Bucket);
        var series = new SeriesId(query.Version, query.Environment);
        var policy = DriftPolicy.Default;
        var columns = ModelColumns.For(snapshot.Definition);
        var drifts = await Task.WhenAll(columns.Select(column =>
        {
            var reference = baseline.FindColumn(column.Name);
            return reference is null
                ? Task.FromResult(NotInBaseline(column))
                : grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, series, column.Name).ToString())
                    .GetDriftAsync(new ColumnDriftRequest(baseline.CounterKey, reference, window, policy));
        }));

        var first = drifts.Length == 0 ? null : drifts[0];
        return new DriftAnswer(
            new DriftReport
            {
                ModelId = modelId,
                Baseline = baseline.Name,
                Version = query.Version,
                Environment = query.Environment,
                Window = window,
                Count = first is null ? 0 : first.Count + first.Missing,
                Features = [.. drifts.Where((_, i) => columns[i].Role == ColumnRole.Feature)],
                Prediction = [.. drifts.Where((_, i) => columns[i].Role == ColumnRole.Prediction)],
                Actual = [.. drifts.Where((_, i) => columns[i].Role == ColumnRole.Actual)],
            },
            null,
            null,
            NotFound: false);
    }

    private static ColumnDrift NotInBaseline(ModelColumn column) => new()
    {
        Name = column.Name,
        Type = column.Type,
        Measure = column.Type == FeatureType.Numeric ? DriftPolicy.Default.NumericMeasure : DriftPolicy.Default.CategoricalMeasure,
        Threshold = column.Type == FeatureType.Numeric ? DriftPolicy.Default.NumericThreshold : DriftPolicy.Default.CategoricalThreshold,
        Note = "the column was added after the baseline was frozen",
    };
}
