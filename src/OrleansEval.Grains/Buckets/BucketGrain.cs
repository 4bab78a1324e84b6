using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Rollups;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Buckets;

/// <summary>
/// A grain whose state is event-time buckets held in <see cref="BucketStore{TBucket}"/>s: on activation and before
/// each write it rolls up the days that are due; it writes on a timer and on deactivation, re-encoding only changed
/// buckets; a checkpoint says whether the given ingest-log entries are applied, writing what is pending first unless
/// the stored state already holds them.
/// </summary>
/// <param name="state">The grain's persisted state.</param>
/// <param name="services">The store's options, clock and write accounting.</param>
/// <param name="logger">The grain's logger.</param>
/// <param name="kind">What the grain is called in its logs and errors: "column", "slice".</param>
internal abstract partial class BucketGrain<TState, TBucket>(
    IPersistentState<TState> state,
    BucketGrainServices services,
    ILogger logger,
    string kind) : Grain
    where TState : IBucketState
    where TBucket : class
{
    // The state the grain reads and changes; while a write is under way the persistent state holds a copy of it instead.
    private TState _live = default!;

    // The write under way, if any.
    private Task<bool>? _writing;

    /// <summary>The grain's persisted state.</summary>
    protected TState State => _live;

    /// <summary>The store's options.</summary>
    protected OrleansEvalOptions Options => services.Options;

    /// <summary>The grain's logger.</summary>
    protected ILogger Logger => logger;

    /// <summary>The grain's state writes; batches are refused while they keep failing.</summary>
    protected GrainWrites Persistence { get; } = services.Writes.For(kind, logger);

    /// <summary>The days rolled up, which decide the bucket a record belongs to and what a window covers.</summary>
    protected RolledUpDays RolledUp { get; private set; } = null!;

    /// <summary>The ingest-log entries applied.</summary>
    protected AppliedEntries Applied { get; private set; } = null!;

    /// <summary>True while the state holds changes not yet written.</summary>
    protected bool Dirty { get; set; }

    /// <summary>The grain's bucket stores (one per slice member; one for a column).</summary>
    protected abstract IEnumerable<BucketStore<TBucket>> Stores { get; }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = state.State;
        Applied = new AppliedEntries(_live.Applied);
        RolledUp = new RolledUpDays(_live.RolledUpDays);
        Load();
        RollUp();

        // Interleaved so that a question or a batch does not wait for a storage write: the write's state is a copy taken
        // within the tick's own synchronous part, every other method of these grains runs to its end without awaiting, and
        // FlushAsync never runs two writes at once. The first tick comes within an interval of the activation, less the
        // grain's own phase, so that grains activated together do not write together; never later than an interval, since
        // the ingest log asks for a checkpoint at its second tick after an entry and counts on every grain it changed
        // having written it on its own tick by then (IngestLogGrain.Trim).
        var interval = Options.PersistInterval;
        var due = interval - TickPhase.Of(this.GetPrimaryKeyString(), interval);
        this.RegisterGrainTimer(cancellationToken => FlushAsync(bounded: true, cancellationToken), new GrainTimerCreationOptions(due, interval) { Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Not bounded by the silo's write slots: a stopping silo deactivates every grain at once and has a deadline.
        await FlushAsync(bounded: false, cancellationToken);

        // A migrating activation hands its state over as it is in memory, so it must hold every bucket's bytes.
        ForEachStore(b => b.EncodeLetGo());
    }

    public async Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions)
    {
        // Written already, by this grain's own tick or by the write under way (waited for here; at once when there is
        // none): another write would store nothing the log is asking about, however much more came in meanwhile. A write
        // that failed left its entries pending again.
        await WriteFinishedAsync();
        if (Applied.StoredAll(positions))
        {
            return true;
        }

        // What the write below stores (taken in this turn, as its copy is), not what is applied while it is under way.
        var held = Applied.ContainsAll(positions);
        if (Dirty && !await WriteAsync(bounded: true, CancellationToken.None))
        {
            throw new StoreUnavailableException($"{kind} {this.GetPrimaryKeyString()} could not be written");
        }

        return held;
    }

    // Reads only: a write under way holds its entries as pending until it succeeds.
    public Task<ImmutableArray<EntryStorage>> StoredAsync(ImmutableArray<LogPosition> positions) =>
        Task.FromResult(ImmutableArray.CreateRange(positions, Applied.StorageOf));

    /// <summary>Restores what the state holds besides the days and entries: the bucket stores first of all.</summary>
    protected abstract void Load();

    /// <summary>One bucket for a whole day from that day's buckets, in ascending order.</summary>
    protected abstract TBucket Combine(IReadOnlyList<TBucket> parts);

    /// <summary>
    /// A copy of the state to write, sharing nothing the grain changes in place (bucket bytes are replaced, never changed,
    /// so they are shared): the grain goes on taking batches while the copy is written.
    /// </summary>
    protected abstract TState Snapshot(TState live);

    /// <summary>Copies into the state what it holds besides the buckets, ahead of a write.</summary>
    protected virtual void BeforeWrite()
    {
    }

    /// <summary>
    /// Runs at every persist tick, before the buckets that took nothing since the last write leave memory: the place for
    /// work that reads buckets ahead of a question, while the newest are still in memory.
    /// </summary>
    protected virtual void BeforeFlush()
    {
    }

    private void RollUp()
    {
        var dueBefore = DayRollup.For(state.State.Bucket, Options).DueBefore(services.Time.GetUtcNow());
        var due = Stores.SelectMany(buckets => buckets.PendingDays(dueBefore)).ToHashSet();
        if (due.Count == 0)
        {
            return;
        }

        foreach (var buckets in Stores)
        {
            buckets.RollUp(due, Combine);
        }

        Dirty = true;
    }

    private async Task FlushAsync(bool bounded, CancellationToken cancellationToken)
    {
        await WriteFinishedAsync();
        RollUp();
        BeforeFlush();
        if (!Dirty)
        {
            ForEachStore(b => b.Idle());
            return;
        }

        await WriteAsync(bounded, cancellationToken);
    }

    // Writes what is pending; true when the store took it (or holds everything already). A bounded write first takes one
    // of the silo's write slots (WriteSlots), waiting meanwhile as any other await of the grain: batches and questions go
    // on, their changes stay pending for this write. The state written is a copy taken in one turn after the last await,
    // with the buckets, entries and changes it holds set apart: whatever a batch changes while the write is under way is
    // left pending for the next one, and a write the store refused puts what it held back to pending.
    private async Task<bool> WriteAsync(bool bounded, CancellationToken cancellationToken)
    {
        using var slot = bounded ? await services.Slots.EnterAsync() : null;

        // Callers wait for a write under way already; this keeps two writes apart whatever order their continuations run in
        // (it completes at once when none is under way, so the copy below is still taken within one turn).
        await WriteFinishedAsync();
        if (!Dirty)
        {
            // A write that ran while this one waited for its slot stored everything (a refused one leaves Dirty set).
            return true;
        }

        ForEachStore(b => b.Encode());
        BeforeWrite();
        var snapshot = Snapshot(_live);
        Applied.Writing();
        Dirty = false;
        var writing = Stopwatch.GetTimestamp();
        var written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _writing = written.Task;
        var ok = false;
        try
        {
            state.State = snapshot;
            ok = await Persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken);
        }
        finally
        {
            // The write is over before its bookkeeping, so that a fault in the bookkeeping cannot leave every later tick,
            // checkpoint and deactivation waiting for it.
            state.State = _live;
            _writing = null;
            try
            {
                Wrote(ok);
            }
            finally
            {
                written.SetResult(ok);
            }
        }

        if (Logger.IsEnabled(LogLevel.Debug))
        {
            var took = Stopwatch.GetElapsedTime(writing).TotalMilliseconds;
            var grain = this.GetPrimaryKeyString();
            LogWritten(Logger, kind, grain, took, ok);
        }

        return ok;
    }

    private void Wrote(bool ok)
    {
        if (ok)
        {
            ForEachStore(b => b.Written());
            Applied.Written();
        }
        else
        {
            ForEachStore(b => b.NotWritten());
            Applied.NotWritten();
            Dirty = true;
        }
    }

    // Waits for a write under way, so that two writes of one grain never run at once.
    private async Task WriteFinishedAsync()
    {
        while (_writing is { } writing)
        {
            await writing;
        }
    }

    private void ForEachStore(Action<BucketStore<TBucket>> action)
    {
        foreach (var buckets in Stores)
        {
            action(buckets);
        }
    }

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "{Kind} {Grain} write took {TookMs:F1} ms (stored: {Stored})")]
    private static partial void LogWritten(ILogger logger, string kind, string grain, double tookMs, bool stored);
}
