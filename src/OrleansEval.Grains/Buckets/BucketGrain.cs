using System.Collections.Immutable;
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
internal abstract class BucketGrain<TState, TBucket>(
    IPersistentState<TState> state,
    BucketGrainServices services,
    ILogger logger,
    string kind) : Grain
    where TState : IBucketState
    where TBucket : class
{
    /// <summary>The grain's persisted state.</summary>
    protected TState State => state.State;

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
        Applied = new AppliedEntries(state.State.Applied);
        RolledUp = new RolledUpDays(state.State.RolledUpDays);
        Load();
        RollUp();

        var interval = Options.PersistInterval;
        this.RegisterGrainTimer(FlushAsync, interval, interval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);

        // A migrating activation hands its state over as it is in memory, so it must hold every bucket's bytes.
        ForEachStore(b => b.EncodeLetGo());
    }

    public async Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions)
    {
        // Written already (by this grain's own tick): another write would store nothing the log is asking about.
        if (Applied.StoredAll(positions))
        {
            return true;
        }

        if (Dirty)
        {
            await FlushAsync(CancellationToken.None);
        }

        return Dirty ? throw new StoreUnavailableException($"{kind} {this.GetPrimaryKeyString()} could not be written") : Applied.ContainsAll(positions);
    }

    /// <summary>Restores what the state holds besides the days and entries: the bucket stores first of all.</summary>
    protected abstract void Load();

    /// <summary>One bucket for a whole day from that day's buckets, in ascending order.</summary>
    protected abstract TBucket Combine(IReadOnlyList<TBucket> parts);

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

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        RollUp();
        BeforeFlush();
        if (!Dirty)
        {
            ForEachStore(b => b.Idle());
            return;
        }

        ForEachStore(b => b.Encode());
        BeforeWrite();
        if (await Persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken))
        {
            ForEachStore(b => b.Written());
            Applied.Written();
            Dirty = false;
        }
    }

    private void ForEachStore(Action<BucketStore<TBucket>> action)
    {
        foreach (var buckets in Stores)
        {
            action(buckets);
        }
    }
}
