using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The rows of one series (or a model's late actuals) in the row store. Applies a logged batch once by its position,
/// keeps its rows per UTC day in memory (copied into pooled column buffers, not by holding the batch) — a series' rows by event day, capped per day by reservoir sampling; late
/// actuals by arrival day — and writes one Parquet part per day touched every <c>PersistInterval</c>, on deactivation
/// and when asked; then its state, which names the entries its parts hold and each day's next part number. Rows stay
/// buffered until that state is stored, and are written again under the same part numbers until it is, so the parts a
/// crash leaves behind are overwritten by the replay and each row is stored once.
/// </summary>
internal sealed partial class RowGrain(
    [PersistentState("rows", StorageNames.State)] IPersistentState<RowState> state,
    IRowBlobStore store,
    BucketGrainServices services,
    ILogger<RowGrain> logger) : Grain, IRowGrain
{
    /// <summary>How many parts one flush sends to storage at once.</summary>
    internal const int PartWritesInFlight = 8;

    private readonly SortedDictionary<DateOnly, PendingRows> _rows = [];
    private readonly SortedDictionary<DateOnly, List<PendingActual>> _actuals = [];
    private readonly GrainWrites _writes = services.Writes.For("row", logger);
    private RowGrainKey _key = null!;
    private AppliedEntries _applied = null!;
    private bool _dirty;

    private string Name => this.GetPrimaryKeyString();

    private RowRetention Retention => new(services.Options.RowRetention, services.Time.GetUtcNow());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = RowGrainKey.Parse(Name);
        _applied = new AppliedEntries(state.State.Applied);
        var interval = services.Options.PersistInterval;
        this.RegisterGrainTimer(ct => TryFlushAsync(ct), interval, interval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await TryFlushAsync(cancellationToken);

    public async Task ApplyAsync(RowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _writes.ThrowIfUnpersisted(Name);
        if (_applied.Holds(batch.Position))
        {
            return;
        }

        var arrived = ArrivedAt(batch.Received);
        var retention = Retention;
        if (retention.IsExpired(arrived))
        {
            Applied(batch.Position);
            return;
        }

        var applied = new AppliedRows(batch, arrived);
        var cap = services.Options.RowsPerDay;
        var newDay = false;
        (DateOnly Day, RowDay Counts, ulong Seed, PendingRows Pending, PendingRows.BatchColumns Columns)? current = null;
        for (var i = 0; i < batch.Rows.Length; i++)
        {
            var day = DateOnly.FromDateTime(applied.Timestamps[i].UtcDateTime);
            if (current?.Day != day)
            {
                newDay |= !state.State.Days.ContainsKey(day);
                var pending = Pending(_rows, day);
                current = (day, Day(day), ReservoirSlots.Seed(Name, day), pending, pending.Of(applied));
                current.Value.Counts.LastArrived = Max(current.Value.Counts.LastArrived, arrived);
            }

            var row = current.Value.Counts.Count++;
            var slot = row < cap ? row : ReservoirSlots.Slot(current.Value.Seed, row, cap);
            if (slot != ReservoirSlots.None)
            {
                current.Value.Pending.Add(current.Value.Columns, i, row, slot);
            }
        }

        Applied(batch.Position);
        if (newDay)
        {
            await DropExpiredAsync(retention);
        }
    }

    public async Task ApplyActualsAsync(LogPosition position, DateTimeOffset received, ImmutableArray<LateActual> actuals)
    {
        _writes.ThrowIfUnpersisted(Name);
        if (_applied.Holds(position))
        {
            return;
        }

        var arrived = ArrivedAt(received);
        var day = DateOnly.FromDateTime(arrived.UtcDateTime);
        var newDay = !state.State.Days.ContainsKey(day);
        var counts = Day(day);
        counts.Count += actuals.Length;
        counts.LastArrived = Max(counts.LastArrived, arrived);
        Pending(_actuals, day).AddRange(actuals.Select(a => new PendingActual(a.PredictionId, a.Actual.Label, a.Actual.Value, arrived)));
        Applied(position);
        if (newDay)
        {
            await DropExpiredAsync(Retention);
        }
    }

    public async Task<ImmutableDictionary<DateOnly, long>> FlushAsync()
    {
        await WriteOrThrowAsync();
        return KeptDays();
    }

    public Task<ImmutableDictionary<DateOnly, long>> GetKeptDaysAsync() => Task.FromResult(KeptDays());

    public async Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions)
    {
        // Written already (by this grain's own tick): another part would store nothing the log is asking about.
        if (_applied.StoredAll(positions))
        {
            return true;
        }

        await WriteOrThrowAsync();
        return _applied.ContainsAll(positions);
    }

    private async Task WriteOrThrowAsync()
    {
        if (!await TryFlushAsync(CancellationToken.None))
        {
            throw new StoreUnavailableException($"row grain {Name} could not write its rows");
        }
    }

    private ImmutableDictionary<DateOnly, long> KeptDays()
    {
        var retention = Retention;
        return state.State.Days.Where(d => !IsExpired(retention, d.Key, d.Value)).ToImmutableDictionary(d => d.Key, d => d.Value.Count);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // A batch logged before its receipt time was kept arrives when it is applied.
    private DateTimeOffset ArrivedAt(DateTimeOffset received) => received == default ? services.Time.GetUtcNow() : received;

    private RowDay Day(DateOnly day)
    {
        if (!state.State.Days.TryGetValue(day, out var counts))
        {
            counts = new RowDay();
            state.State.Days.Add(day, counts);
        }

        return counts;
    }

    private static T Pending<T>(SortedDictionary<DateOnly, T> pending, DateOnly day)
        where T : new()
    {
        if (!pending.TryGetValue(day, out var held))
        {
            held = new T();
            pending.Add(day, held);
        }

        return held;
    }

    // A day's rows leave the grain: their pooled chunks go back.
    private void ForgetDay(DateOnly day)
    {
        if (_rows.Remove(day, out var rows))
        {
            rows.Dispose();
        }

        _actuals.Remove(day);
    }

    private void Applied(LogPosition position)
    {
        _applied.Add(position);
        _dirty = true;
    }

    private async Task<bool> TryFlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return true;
        }

        // Parts first, then the state that names the entries they hold and moves each day's next part number past
        // them. Until that state is stored the rows stay buffered and the next flush writes them again under the same
        // numbers, so parts a crash leaves behind are the ones a replay overwrites.
        var numbered = new List<DateOnly>();

        // As the join shard: the positions this write stores are set apart now and cleared only once it is stored.
        _applied.Writing();
        if (!await _writes.TryWriteAsync(state, Name, cancellationToken, () => WritePartsAsync(numbered, cancellationToken)))
        {
            foreach (var day in numbered)
            {
                Day(day).NextPart--;
            }

            _applied.NotWritten();
            return false;
        }

        foreach (var day in numbered)
        {
            ForgetDay(day);
        }

        // The written rows' chunks are idle now: the pools keep what recent intervals needed and let the rest go. The
        // pools are the process's, shared by every host in it, so they are timed by the system's clock, not a grain's.
        RowChunkPools.Shared.TrimEvery(services.Options.PersistInterval, TimeProvider.System.GetUtcNow());
        _applied.Written();
        _dirty = false;
        return true;
    }

    // Every part is numbered before any is sent (a day's rows and its late actuals take consecutive numbers), then the
    // parts are encoded and sent PartWritesInFlight at a time: history sent today is a part per series and day, so one
    // flush after an import of years writes thousands of parts, and one round trip at a time held the grain, and every
    // call queued behind it, for longer than a call may wait. A failed part fails the flush once the parts in flight
    // have finished, so no part is sent after the numbers are taken back.
    private async Task WritePartsAsync(List<DateOnly> numbered, CancellationToken cancellationToken)
    {
        var parts = new List<Func<Task>>();
        foreach (var (day, rows) in _rows)
        {
            var name = NextPart(day, numbered);
            parts.Add(() => RowPartWriter.SendAsync(store, name, rows, cancellationToken));
        }

        foreach (var (day, actuals) in _actuals)
        {
            var name = NextPart(day, numbered);
            parts.Add(async () => await store.PutAsync(name, await ActualPartWriter.WriteAsync(actuals, cancellationToken), cancellationToken));
        }

        await BoundedWrites.RunAsync(parts, PartWritesInFlight);
    }

    private string NextPart(DateOnly day, List<DateOnly> numbered)
    {
        var counts = Day(day);
        numbered.Add(day);
        return RowPaths.Part(_key, day, counts.NextPart++);
    }

    // Days past retention leave the store, then the state: a day whose parts could not all be deleted stays in the
    // state (the reader never returns it) and is deleted again when the next day starts. Only expired days are listed.
    private async Task DropExpiredAsync(RowRetention retention)
    {
        foreach (var day in state.State.Days.Where(d => IsExpired(retention, d.Key, d.Value)).Select(d => d.Key).ToList())
        {
            ForgetDay(day);
            try
            {
                await foreach (var name in store.ListAsync(RowPaths.DayPrefix(_key, day), CancellationToken.None))
                {
                    await store.DeleteAsync(name, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRetentionFailed(logger, e, Name);
                return;
            }

            state.State.Days.Remove(day);
            _dirty = true;
        }
    }

    // A series' days expire by their last arrival; the late actuals' days are arrival days.
    private bool IsExpired(RowRetention retention, DateOnly day, RowDay kept) =>
        _key.IsActuals ? retention.IsExpired(day) : retention.IsExpired(kept);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "The row grain {Grain} could not delete parts past retention; it tries again when it starts a new day")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception, string grain);
}
