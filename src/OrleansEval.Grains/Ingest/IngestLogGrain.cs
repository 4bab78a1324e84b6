using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// One partition of a model's ingest log. An append is written durably — as part of a segment, stored in a slot of the
/// log's ring that is written over only once the head records its segment trimmed (<c>IngestLogGrain.Segments.cs</c>)
/// — before the worker fans the batch out; appends that arrive while a write is in flight are gathered into the next
/// one (group commit), so the cost is one storage request per turn, not per batch. On
/// activation, before any append, every entry still in a segment is fanned out again (grains ignore what they
/// already applied). A timer trims entries once every grain they changed has stored them; see
/// <c>IngestLogGrain.Trim.cs</c>. Idempotency keys are remembered here: live entries by their segments, trimmed ones
/// in key pages for the idempotency window.
/// </summary>
// Reentrant so that appends interleave with the write in flight and join the next one. Safe: every method runs on
// the activation's one thread; the write loop and the trim each guard their own turn with a flag, and an entry
// is visible to repeats from the moment it is taken, with a task that says when it is stored.
[Reentrant]
internal sealed partial class IngestLogGrain(
    [PersistentState("ingest-log", StorageNames.State)] IPersistentState<IngestLogState> head,
    [FromKeyedServices(StorageNames.State)] IGrainStorage storage,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    ISiloStatusOracle silo,
    ILogger<IngestLogGrain> logger) : Grain, IIngestLogGrain
{
    // The log's own records (head, key pages, deletes) recover from a stale version tag like any grain's state.
    private readonly GrainWrites _writes = writes.For("log", logger);
    private readonly Dictionary<string, LiveEntry> _live = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, LiveEntry> _bySequence = [];

    private List<LiveEntry> _pending = [];
    private bool _writing;
    private int _nextSegment;
    private long _nextSequence;
    private string? _modelId;

    // Batches of records planned under a model revision below this are refused: a slice defined at it is backfilled.
    private long _fence;

    private string Key => this.GetPrimaryKeyString();

    private string ModelId => _modelId ??= IngestLogKey.Parse(Key).ModelId;

    // Every entry below the floor is gone from the log: grains may forget they applied it.
    private long Floor => _bySequence.Count > 0 ? _bySequence.First().Key : _nextSequence;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadSegmentsAsync();
        await DeleteOrphanedSegmentsAsync();
        await LoadKeyPagesAsync();
        var interval = options.Value.PersistInterval;
        this.RegisterGrainTimer(TrimAsync, interval, interval);

        // A backfill running while this log was away still has its fence: every slice's revision is one.
        var model = await grains.GetGrain<IModelGrain>(ModelId).GetAsync();
        _fence = model?.Slices.Select(s => s.Revision).DefaultIfEmpty().Max() ?? 0;
        await ReplayAsync();
    }

    public async Task<LogAppend> AppendAsync(IngestLogEntry entry)
    {
        if (_live.TryGetValue(entry.BatchId, out var live))
        {
            return live.Logged.Entry.Content != entry.Content ? Conflict() : await RepeatAsync(live);
        }

        if (Remembered(entry.BatchId) is { } remembered)
        {
            return remembered.Content != entry.Content ? Conflict() : new LogAppend(LogAppendStatus.Repeated, null, remembered.Answer, null);
        }

        // Only records are routed to slices by their plan; late actuals reach them through the join.
        if (!entry.Plan.Predictions.IsDefaultOrEmpty && entry.Plan.Revision < _fence)
        {
            return new LogAppend(LogAppendStatus.Stale, null, null, null);
        }

        RefuseWhileStalled();
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live = new LiveEntry(new LoggedEntry(_nextSequence++, time.GetUtcNow(), entry)) { Durable = durable, TakenAt = writes.Time.GetTimestamp() };
        _live.Add(entry.BatchId, live);
        _bySequence.Add(live.Sequence, live);
        _pending.Add(live);
        if (!_writing)
        {
            _writing = true;
            _ = WriteAsync();
        }

        // Captured: a write that finishes at once clears live.Durable before this line runs.
        await durable.Task;
        return new LogAppend(LogAppendStatus.Appended, Position(live), null, null);
    }

    public Task AppliedAsync(long sequence, ImmutableArray<UnmatchedActual> unmatched)
    {
        if (_bySequence.TryGetValue(sequence, out var live))
        {
            MarkApplied(live, unmatched);
        }

        return Task.CompletedTask;
    }

    public async Task DrainAsync(long revision)
    {
        _fence = Math.Max(_fence, revision);
        foreach (var live in _bySequence.Values.Where(e => !e.Applied && e.Plan is { } plan && plan.Revision < revision).ToList())
        {
            // An entry still being written is fanned out once stored; one whose write failed was never kept.
            if (live.Durable is { } durable)
            {
                try
                {
                    await durable.Task;
                }
                catch (StoreUnavailableException)
                {
                    continue;
                }
            }

            if (!live.Applied && !await RedriveAsync(live))
            {
                throw new StoreUnavailableException($"the ingest log {Key} could not fan out batch {live.Sequence}, planned before revision {revision}; try again");
            }
        }
    }

    public Task<int> RecoverAsync() => Task.FromResult(_live.Count);

    public Task<bool> HoldsAsync(string batchId) => Task.FromResult(_live.ContainsKey(batchId) || Remembered(batchId) is not null);

    // An entry the grains could not take for MaxUnpersisted (a grain refusing, calls timing out) is still applied by
    // the timer, so its batch was acknowledged; new batches are refused, before anything is written, until it is.
    // Measured on the wall clock of the grains' own writes, against the same MaxUnpersisted.
    private void RefuseWhileStalled()
    {
        // Entries are taken in sequence order, so the ones taken longer ago than the limit come first.
        foreach (var live in _bySequence.Values.TakeWhile(e => writes.Time.GetElapsedTime(e.TakenAt) > writes.MaxUnpersisted))
        {
            if (!live.Applied && live.Durable is null)
            {
                var unapplied = writes.Time.GetElapsedTime(live.TakenAt);
                LogStalled(logger, Key, live.Sequence, unapplied.TotalSeconds);
                throw new StoreUnavailableException(
                    $"the ingest log of model '{ModelId}' has held batch {live.Sequence} unapplied for {unapplied.TotalSeconds:F0} s: its grains cannot store it; nothing of this batch was kept");
            }
        }
    }

    private static LogAppend Conflict() => new(LogAppendStatus.Conflict, null, null, null);

    // The same batch again: answered as it was, once its entry is stored; fanned out again if not yet applied (an applied
    // entry has let go of its plan, and a grain that lost it gets it again from the trim).
    private async Task<LogAppend> RepeatAsync(LiveEntry live)
    {
        if (live.Durable is { } durable)
        {
            await durable.Task;
        }

        return new LogAppend(LogAppendStatus.Repeated, Position(live), live.Answer, live.Trimmed ? null : live.Plan);
    }

    private LogPosition Position(LiveEntry live) => new(Key, live.Sequence, Floor);

    // An applied entry whose segment is stored lets go of its plan (LiveEntry.Release), keeping the grains to checkpoint.
    private void MarkApplied(LiveEntry live, ImmutableArray<UnmatchedActual> unmatched)
    {
        if (!live.Applied)
        {
            live.Answer = live.Answer with { Unmatched = unmatched };
        }

        live.Applied = true;
        live.TicksUnapplied = 0;
        if (live.Plan is { } plan && live.Segment != LiveEntry.Unwritten)
        {
            live.Release(PlanFanOut.Targets(ModelId, plan));
        }
    }

    // Entries still in the log may not be stored by every grain they changed: fan each out again, in log order.
    private async Task ReplayAsync()
    {
        if (_bySequence.Count == 0)
        {
            return;
        }

        var replayed = 0;
        foreach (var live in _bySequence.Values.ToList())
        {
            replayed += await RedriveAsync(live) ? 1 : 0;
        }

        LogReplayed(logger, Key, replayed, _bySequence.Count);
    }

    private async Task<bool> RedriveAsync(LiveEntry live)
    {
        try
        {
            if ((live.Plan ?? await StoredPlanAsync(live)) is not { } plan)
            {
                return false;
            }

            MarkApplied(live, await PlanFanOut.RunAsync(grains, ModelId, plan, Position(live)));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left unapplied: the trim timer fans it out again, and it is never trimmed before it was.
            LogReplayFailed(logger, e, Key, live.Sequence);
            return false;
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Could not write the ingest log {Log}; {Count} batches were refused with 503")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string log, int count);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Could not fan out entry {Sequence} of the ingest log {Log}; it is tried again")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string log, long sequence);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Debug, Message = "Ingest log {Log} refuses new batches: entry {Sequence} has waited {Seconds:F0} s to be applied")]
    private static partial void LogStalled(ILogger logger, string log, long sequence, double seconds);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Ingest log {Log} replayed {Replayed} of the {Held} entries it held")]
    private static partial void LogReplayed(ILogger logger, string log, int replayed, int held);
}
