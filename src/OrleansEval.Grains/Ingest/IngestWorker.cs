using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Models;
using OrleansEval.Grains.Monitors;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Takes a batch in five steps: checks and pivots it against the cached model (<see cref="IngestPlanner"/>); for late
/// actuals, asks the label-join shards for room to hold them, so a full buffer refuses the batch (429) before anything
/// is kept; writes it to the
/// model's ingest log, durably, before any grain sees it; fans it out (<see cref="PlanFanOut"/>: a call per column,
/// slice family and join shard, not per record); tells the log it was applied, marks the monitors' inputs it changed
/// (in memory, <see cref="MonitorInputMarks"/>); and only then acknowledges. A key the
/// log already holds answers what it was answered — or a conflict, when the content differs — even when the join is
/// full. A fan-out that fails after the write still acknowledges: the batch is durable, and the log applies it.
/// </summary>
// Reentrant: a batch spends most of its time awaiting the log's write and the fan-out, and a stateless worker that took
// one batch at a time had at most one activation a core, so on two cores at most two batches were under way in a silo
// whatever the gateway admitted — the log's write never had a second batch to group, and the cores idled while both
// waited for storage. The gateway's admission bounds the batches under way. Safe: the one field is the model cache,
// and an interleaving at its await only makes two batches fetch the same model.
[StatelessWorker]
[Reentrant]
internal sealed partial class IngestWorker(
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    MonitorInputMarks monitorMarks,
    ILogger<IngestWorker> logger)
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

        // Predictions take no room in the join (it keeps them in storage), and they only ever release held actuals.
        var content = ContentOf(batch.BatchId, () => BatchContent.Of(batch));
        var logged = await LogAndApplyAsync(modelId, model, m =>
        {
            var (plan, answer) = Planner(modelId, m).Records(batch);
            return new IngestLogEntry(batch.BatchId, content, plan, answer);
        });
        return logged is null ? new IngestResult(0, []) { Conflict = true } : new IngestResult(logged.Accepted, logged.Rejected);
    }

    public async Task<ActualsResult?> IngestActualsAsync(string modelId, string batchId, ImmutableArray<ActualRecord> actuals)
    {
        var model = await GetModelAsync(modelId);
        if (model is null)
        {
            return null;
        }

        // Every actual may have to wait for its prediction, so each counts against its shard's room.
        var (plan, answer) = Planner(modelId, model).Actuals(actuals);
        if (!await HasRoomAsync(model, batchId, plan.Actuals.Select(a => (a.Shard, (long)a.Actuals.Length))))
        {
            return new ActualsResult(0, answer.Rejected, [], options.Value.JoinRetryAfterSeconds);
        }

        var logged = await LogAndApplyAsync(modelId, model, _ => new IngestLogEntry(batchId, ContentOf(batchId, () => BatchContent.Of(actuals)), plan, answer));
        return logged is null
            ? new ActualsResult(0, [], [], 0) { Conflict = true }
            : new ActualsResult(logged.Accepted, logged.Rejected, logged.Unmatched, 0);
    }

    // Only a batch sent under a client's key can come again under its id, so only its content is hashed.
    private static string ContentOf(string batchId, Func<string> hash) => BatchKey.HasClientKey(batchId) ? hash() : "";

    private IngestPlanner Planner(string modelId, CachedModel model) => new(modelId, model.Snapshot, model.Validator, model.Router, Shard, time.GetUtcNow());

    // An interleaved read per shard: the capacity check of the whole batch, made before anything is logged. A full
    // join does not refuse a key the log already holds: that batch was kept, and is answered as it was.
    private async Task<bool> HasRoomAsync(CachedModel model, string batchId, IEnumerable<(int Shard, long Rows)> needs)
    {
        var modelId = model.Snapshot.ModelId;
        var wanted = needs.ToList();
        var room = await Task.WhenAll(wanted.Select(w => grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, w.Shard)).FreeCapacityAsync()));
        return wanted.Select((w, i) => w.Rows <= room[i]).All(fits => fits) || await Log(model, batchId).HoldsAsync(batchId);
    }

    // The model's own partition count, not the configured one: a model keeps the count it was defined with.
    private IIngestLogGrain Log(CachedModel model, string batchId) =>
        grains.GetGrain<IIngestLogGrain>(IngestLogKey.For(model.Snapshot.ModelId, Partition(batchId, LogPartitions(model.Snapshot, options.Value))));

    // Null when the key names another batch. A batch planned under a model older than a slice being backfilled is
    // planned again under the current model (the log refused it, keeping nothing).
    private async Task<BatchAnswer?> LogAndApplyAsync(string modelId, CachedModel model, Func<CachedModel, IngestLogEntry> plan)
    {
        var entry = plan(model);
        var log = Log(model, entry.BatchId);
        var appended = await log.AppendAsync(entry);
        if (appended.Status == LogAppendStatus.Stale)
        {
            _models.Remove(modelId);
            model = await GetModelAsync(modelId) ?? throw new StoreUnavailableException($"model '{modelId}' changed while the batch was taken; nothing of the batch was kept");
            entry = plan(model);
            log = Log(model, entry.BatchId);
            appended = await log.AppendAsync(entry);
            if (appended.Status == LogAppendStatus.Stale)
            {
                throw new StoreUnavailableException($"model '{modelId}' changed twice while the batch was taken; nothing of the batch was kept");
            }
        }

        if (appended.Status == LogAppendStatus.Conflict)
        {
            return null;
        }

        // A repeat is answered as it was first; one whose entry is still in the log is fanned out again on the way.
        var answer = appended.Answer ?? entry.Answer;
        var toFanOut = appended.Status == LogAppendStatus.Appended ? entry.Plan : appended.Redrive;
        if (toFanOut is null)
        {
            return answer;
        }

        try
        {
            var unmatched = await PlanFanOut.RunAsync(grains, modelId, toFanOut, appended.Position!, model.RegisteredSeries);
            await log.AppliedAsync(appended.Position!.Sequence, unmatched);
            monitorMarks.Mark(modelId, toFanOut);
            return answer with { Unmatched = unmatched };
        }
        catch (Exception e)
        {
            // The batch is in the log, whose timer fans it out again: a 503 here would have the client send it twice.
            LogFanOutFailed(logger, e, modelId, appended.Position!.Sequence);
            return answer;
        }
    }

    private int Shard(string predictionId) => Actuals.JoinShard.Of(predictionId, options.Value.JoinShards);

    private static int Partition(string batchId, int partitions) => (int)(OrleansEval.Sketches.Categories.StableHash.Hash64(batchId) % (ulong)partitions);

    /// <summary>The partitions of <paramref name="model"/>'s log: its own count, or the configured one when the snapshot has none.</summary>
    internal static int LogPartitions(ModelSnapshot model, OrleansEvalOptions options) =>
        model.LogPartitions > 0 ? model.LogPartitions : options.IngestLogPartitions;

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

    [LoggerMessage(EventId = 1513, Level = LogLevel.Warning, Message = "Batch {Sequence} of model {Model} is logged but could not be fanned out; the ingest log applies it later")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception, string model, long sequence);

    private sealed record CachedModel(
        ModelSnapshot Snapshot,
        RecordValidator Validator,
        SliceRouter Router,
        HashSet<SeriesId> RegisteredSeries,
        DateTimeOffset FetchedAt);
}
