using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Ingest;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// Runs a named slice's backfill (key "model/slice"): reads every kept row of the model, turns the ones counted before
/// the slice was defined into deltas (<see cref="BackfillDeltas"/>), has the label join count the outcomes of the
/// predictions it still holds (<see cref="BackfillJoin"/>), applies the deltas to the slice's family of each series,
/// then checkpoints every family it touched so the run is only done once the counts are stored. The run goes
/// on after <see cref="StartAsync"/> answers, on the grain's own scheduler, and its status is polled.
/// </summary>
internal sealed partial class SliceBackfillGrain(
    [PersistentState("sliceBackfill", StorageNames.State)] IPersistentState<SliceBackfillState> state,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    ILogger<SliceBackfillGrain> logger) : Grain, ISliceBackfillGrain
{
    // Kept rows have event times in the store's accepted range; the read asks for all of it.
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LongestRun = TimeSpan.FromHours(6);

    private BackfillStatus? _status;
    private Task _run = Task.CompletedTask;

    private (string ModelId, string Slice) Key => SliceBackfillKey.Parse(this.GetPrimaryKeyString());

    // A run the last activation left running stopped with it: it is reported failed, and starting again resumes it.
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _status = state.State.Status is { State: BackfillState.Running } interrupted
            ? interrupted with { State = BackfillState.Failed, Error = "the run stopped with its silo; start it again to resume it" }
            : state.State.Status;
        return Task.CompletedTask;
    }

    public async Task<BackfillStatus?> StartAsync()
    {
        var (modelId, name) = Key;
        var model = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        var slice = model?.Slices.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
        if (model is null || slice is null)
        {
            return null;
        }

        // One run at a time: while one goes on (even of an earlier definition) it is what is answered.
        if (!_run.IsCompleted || _status is { State: BackfillState.Done } current && current.Revision == slice.Revision)
        {
            return _status;
        }

        var now = time.GetUtcNow();
        if (slice.Revision == 0)
        {
            return new BackfillStatus(name, 0, BackfillState.Failed, 0, 0, false, null, now, now,
                "the slice was stored before slices kept the revision that defined them, so the rows it already counted cannot be told apart: define it again under a new name");
        }

        _status = new BackfillStatus(name, slice.Revision, BackfillState.Running, 0, 0, false, null, now, null, null);
        await StoreAsync();
        DelayDeactivation(LongestRun);
        _run = RunAsync(modelId, model, slice);
        return _status;
    }

    public Task<BackfillStatus?> GetStatusAsync() => Task.FromResult(_status);

    private async Task RunAsync(string modelId, ModelSnapshot model, SliceDefinition slice)
    {
        var deltas = new BackfillDeltas(modelId, model, slice);
        var join = new BackfillJoin(grains, modelId, SliceKey.OfUser(slice.Name, slice.Generation), options.Value.JoinShards);
        var pending = new List<BackfillPart>();
        var sent = new Dictionary<string, List<LogPosition>>(StringComparer.Ordinal);
        try
        {
            // Every batch planned before the slice is fanned out first, and none planned so is taken after: a row read
            // here is already registered with the join, which adopts it, and a row not read counts in the slice live.
            var partitions = IngestWorker.LogPartitions(model, options.Value);
            await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => grains.GetGrain<IIngestLogGrain>(IngestLogKey.For(modelId, p)).DrainAsync(slice.Revision)));
            var rows = grains.ReadRowsAsync(new RowQuery(modelId, null, null, Earliest, Latest));
            await foreach (var block in rows)
            {
                pending.AddRange(deltas.Add(block));
                if (pending.Sum(p => p.PredictionIds.Length) >= BackfillDeltas.ChunkRows)
                {
                    await ApplyAsync(await join.CountAsync(pending), sent);
                    pending.Clear();
                }

                _status = Progress(deltas, BackfillState.Running, null);
            }

            pending.AddRange(deltas.Flush());
            await ApplyAsync(await join.CountAsync(pending), sent);
            await CheckpointAsync(sent);
            _status = Progress(deltas, BackfillState.Done, null) with { FinishedAt = time.GetUtcNow() };
            LogBackfilled(logger, modelId, slice.Name, deltas.RowsCounted, deltas.RowsRead);
        }
        catch (Exception e)
        {
            LogBackfillFailed(logger, e, modelId, slice.Name);
            _status = Progress(deltas, BackfillState.Failed, e.Message) with { FinishedAt = time.GetUtcNow() };
        }

        await StoreAsync();
    }

    private async Task ApplyAsync(IEnumerable<KeyedDelta> deltas, Dictionary<string, List<LogPosition>> sent)
    {
        foreach (var delta in deltas)
        {
            await grains.GetGrain<ISliceGrain>(delta.SliceGrainKey).ApplyAsync(delta.Delta);
            if (!sent.TryGetValue(delta.SliceGrainKey, out var positions))
            {
                positions = [];
                sent.Add(delta.SliceGrainKey, positions);
            }

            positions.Add(delta.Delta.Position!);
        }
    }

    // A family that lost a part before storing it says so; the run then fails, and a new one applies what is missing.
    private async Task CheckpointAsync(Dictionary<string, List<LogPosition>> sent)
    {
        foreach (var (family, positions) in sent)
        {
            if (!await grains.GetGrain<ISliceGrain>(family).CheckpointAsync([.. positions]))
            {
                throw new InvalidOperationException($"slice family {family} lost part of the backfill before storing it; start the backfill again");
            }
        }
    }

    private BackfillStatus Progress(BackfillDeltas deltas, BackfillState state, string? error) => _status! with
    {
        State = state,
        RowsCounted = deltas.RowsCounted,
        RowsRead = deltas.RowsRead,
        Sampled = deltas.Sampled,
        Through = deltas.Through,
        Error = error,
    };

    // The status stays answerable from memory if the write fails; the next activation then sees the run as stopped.
    private async Task StoreAsync()
    {
        state.State.Status = _status;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStatusNotStored(logger, e, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Backfilled slice {Slice} of model {Model}: {Counted} of {Read} kept rows counted")]
    private static partial void LogBackfilled(ILogger logger, string model, string slice, long counted, long read);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Error, Message = "The backfill of slice {Slice} of model {Model} failed")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception, string model, string slice);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Could not store the backfill status of {Backfill}")]
    private static partial void LogStatusNotStored(ILogger logger, Exception exception, string backfill);
}
