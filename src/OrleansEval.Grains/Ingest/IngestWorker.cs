using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Models;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Validates a batch against the cached model schema, pivots the accepted rows into columns per series, and sends
/// every column grain of the series one chunk, all in parallel: a batch costs one call per column, not per record.
/// </summary>
[StatelessWorker]
internal sealed class IngestWorker(IGrainFactory grains, IOptions<OrleansEvalOptions> options, TimeProvider time)
    : Grain, IIngestWorker
{
    private readonly Dictionary<string, CachedModel> _models = new(StringComparer.Ordinal);

    public async Task<IngestResult?> IngestAsync(string modelId, IngestBatch batch)
    {
        var model = await GetModelAsync(modelId);
        if (model is null)
        {
            return null;
        }

        var rejected = batch.AlreadyRejected.ToBuilder();
        var bySeries = new Dictionary<SeriesId, SeriesColumns>();
        var numbers = new double[model.Validator.Columns.Count];
        var categories = new string?[model.Validator.Columns.Count];
        foreach (var record in batch.Records)
        {
            var error = model.Validator.Validate(record, numbers, categories, out var series);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                continue;
            }

            if (!bySeries.TryGetValue(series, out var columns))
            {
                columns = new SeriesColumns(model.Validator.Columns);
                bySeries.Add(series, columns);
            }

            columns.Add(TimeWindow.BucketStart(record.Timestamp, model.Snapshot.Definition.Bucket), numbers, categories);
        }

        var accepted = 0;
        var calls = new List<Task>();
        foreach (var (series, columns) in bySeries)
        {
            await EnsureSeriesRegisteredAsync(modelId, model, series);
            accepted += columns.Rows;
            foreach (var (column, chunk) in columns.ToChunks(batch.BatchId))
            {
                calls.Add(grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, series, column.Name).ToString()).ApplyAsync(chunk));
            }
        }

        await Task.WhenAll(calls);
        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new IngestResult(accepted, rejected.ToImmutable());
    }

    private async Task EnsureSeriesRegisteredAsync(string modelId, CachedModel model, SeriesId series)
    {
        if (model.RegisteredSeries.Contains(series))
        {
            return;
        }

        await grains.GetGrain<IModelGrain>(modelId).RegisterSeriesAsync(series);
        model.RegisteredSeries.Add(series);
    }

    private async Task<CachedModel?> GetModelAsync(string modelId)
    {
        var now = time.GetUtcNow();
        if (_models.TryGetValue(modelId, out var cached) && now - cached.FetchedAt < options.Value.ModelCacheTtl)
        {
            return cached;
        }

        var snapshot = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        if (snapshot is null)
        {
            _models.Remove(modelId);
            return null;
        }

        var model = cached is not null && cached.Snapshot.Revision == snapshot.Revision
            ? cached with { FetchedAt = now }
            : new CachedModel(snapshot, new RecordValidator(snapshot.Definition, ModelColumns.For(snapshot.Definition)), [.. snapshot.Series], now);
        _models[modelId] = model;
        return model;
    }

    private sealed record CachedModel(ModelSnapshot Snapshot, RecordValidator Validator, HashSet<SeriesId> RegisteredSeries, DateTimeOffset FetchedAt);
}
