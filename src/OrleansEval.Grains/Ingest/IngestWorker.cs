using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.Actuals;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Models;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Validates a batch against the cached model, decides each record's slices once, and sends every column grain,
/// slice family and label-join shard one call with its share of the batch, all in parallel: a batch costs a call per
/// column, family and shard, not per record. The join shards are asked first, so a full buffer refuses the whole
/// batch (429) before anything is counted.
/// </summary>
[StatelessWorker]
internal sealed class IngestWorker(IGrainFactory grains, IOptions<OrleansEvalOptions> options, [FromKeyedServices(EvaluationClock.Key)] TimeProvider time)
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

        var definition = model.Snapshot.Definition;
        var rejected = batch.AlreadyRejected.ToBuilder();
        var bySeries = new Dictionary<SeriesId, SeriesBatch>();
        var numbers = new double[model.Validator.Columns.Count];
        var categories = new string?[model.Validator.Columns.Count];
        var slices = new List<SliceKey>();
        var shards = new Dictionary<int, PendingPredictions>();
        foreach (var record in batch.Records)
        {
            var error = model.Validator.Validate(record, numbers, categories, out var series, out var typeErrorColumn);
            if (error is not null && typeErrorColumn < 0)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                continue;
            }

            if (!bySeries.TryGetValue(series, out var seriesBatch))
            {
                seriesBatch = new SeriesBatch(new SeriesColumns(model.Validator.Columns), new SliceDeltaBuilder());
                bySeries.Add(series, seriesBatch);
            }

            var bucket = TimeWindow.BucketStart(record.Timestamp, definition.Bucket);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                seriesBatch.Columns.AddTypeError(typeErrorColumn, bucket);
                continue;
            }

            seriesBatch.Columns.Add(bucket, numbers, categories);

            var outcome = model.Validator.Outcome(numbers, categories);
            if (!outcome.HasPrediction)
            {
                continue;
            }

            slices.Clear();
            model.Router.Route(record, numbers, categories, slices);
            var prediction = new PredictionRow("", bucket, outcome.Score, outcome.Predicted, outcome.PredictedValue);
            foreach (var slice in slices)
            {
                seriesBatch.Slices.AddPrediction(slice, prediction);
            }

            var actual = outcome.HasActual ? new JoinActual(outcome.ActualLabel, outcome.ActualValue) : null;
            var shard = Shard(record.PredictionId);
            if (!shards.TryGetValue(shard, out var pending))
            {
                pending = new PendingPredictions();
                shards.Add(shard, pending);
            }

            pending.Add(record.PredictionId, series, bucket, CollectionsMarshal.AsSpan(slices), outcome.Score, outcome.Predicted, outcome.PredictedValue, actual);
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));

        // Ask every shard for room first, so a full buffer refuses the batch before anything is kept.
        var room = await Task.WhenAll(shards.Select(s => grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, s.Key)).FreeCapacityAsync()));
        if (shards.Values.Select((p, i) => p.Count > room[i]).Any(full => full))
        {
            return new IngestResult(0, rejected.ToImmutable(), options.Value.JoinRetryAfterSeconds);
        }

        // The join counts every outcome (the record's own actual, or one that waited for it) in the slices.
        var waits = await Task.WhenAll(shards.Select(s => grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, s.Key)).RegisterAsync(batch.BatchId, definition.Task, definition.PositiveLabel, s.Value)));
        if (waits.Any(w => w > 0))
        {
            return new IngestResult(0, rejected.ToImmutable(), waits.Max());
        }

        var accepted = 0;
        var calls = new List<Task>();
        foreach (var (series, seriesBatch) in bySeries)
        {
            await EnsureSeriesRegisteredAsync(modelId, model, series);
            accepted += seriesBatch.Columns.Rows;
            foreach (var (column, chunk) in seriesBatch.Columns.ToChunks(batch.BatchId, definition.Bucket))
            {
                calls.Add(grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, series, column.Name).ToString()).ApplyAsync(chunk));
            }

            foreach (var (family, delta) in seriesBatch.Slices.Build(batch.BatchId, model.Snapshot))
            {
                calls.Add(grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, family)).ApplyAsync(delta));
            }
        }

        await Task.WhenAll(calls);
        return new IngestResult(accepted, rejected.ToImmutable());
    }

    public async Task<ActualsResult?> IngestActualsAsync(string modelId, string batchId, ImmutableArray<ActualRecord> actuals)
    {
        var model = await GetModelAsync(modelId);
        if (model is null)
        {
            return null;
        }

        var rejected = ImmutableArray.CreateBuilder<RecordRejection>();
        var shards = new Dictionary<int, ImmutableArray<LateActual>.Builder>();
        foreach (var record in actuals)
        {
            var error = model.Validator.ValidateActual(record.Actual, out var value, out var label);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                continue;
            }

            var shard = Shard(record.PredictionId);
            if (!shards.TryGetValue(shard, out var late))
            {
                late = ImmutableArray.CreateBuilder<LateActual>();
                shards.Add(shard, late);
            }

            late.Add(new LateActual(record.Index, record.PredictionId, new JoinActual(label, value)));
        }

        var batches = shards.Select(s => s.Value.ToImmutable()).ToList();
        var outcomes = await Task.WhenAll(shards.Keys.Select((shard, i) =>
            grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard)).ApplyActualsAsync(batchId, batches[i])));

        var accepted = 0;
        var unmatched = ImmutableArray.CreateBuilder<UnmatchedActual>();
        var retryAfter = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            for (var j = 0; j < batches[i].Length; j++)
            {
                var actual = batches[i][j];
                switch (outcomes[i][j])
                {
                    case JoinOutcome.Full:
                        rejected.Add(new RecordRejection(actual.Index, "predictionId: no prediction yet and the join buffer is full; send this actual again later"));
                        retryAfter = options.Value.JoinRetryAfterSeconds;
                        break;
                    case JoinOutcome.Held:
                        unmatched.Add(new UnmatchedActual(actual.Index, actual.PredictionId));
                        accepted++;
                        break;
                    default:
                        accepted++;
                        break;
                }
            }
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        unmatched.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new ActualsResult(accepted, rejected.ToImmutable(), unmatched.ToImmutable(), retryAfter);
    }

    private int Shard(string predictionId) => (int)(OrleansEval.Sketches.Categories.StableHash.Hash64(predictionId) % (ulong)options.Value.JoinShards);

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

        var grain = grains.GetGrain<IModelGrain>(modelId);
        if (cached is not null && await grain.GetRevisionAsync() == cached.Snapshot.Revision)
        {
            _models[modelId] = cached with { FetchedAt = now };
            return _models[modelId];
        }

        var snapshot = await grain.GetAsync();
        if (snapshot is null)
        {
            _models.Remove(modelId);
            return null;
        }

        var columns = ModelColumns.For(snapshot.Definition);
        var model = new CachedModel(
            snapshot,
            new RecordValidator(snapshot.Definition, columns),
            new SliceRouter(snapshot, columns),
            [.. snapshot.Series],
            now);

        _models[modelId] = model;
        return model;
    }

    private sealed record SeriesBatch(SeriesColumns Columns, SliceDeltaBuilder Slices);

    private sealed record CachedModel(
        ModelSnapshot Snapshot,
        RecordValidator Validator,
        SliceRouter Router,
        HashSet<SeriesId> RegisteredSeries,
        DateTimeOffset FetchedAt);
}
