using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Rollups;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.Features;

/// <summary>
/// One column of one series: a bucket per event-time interval, written to storage as versioned bytes on a timer and on
/// deactivation (only the buckets that changed are re-encoded). A bucket that records are arriving for is held live;
/// one that received nothing for a whole persist interval is held only as its stored bytes and read when a query or a
/// late record needs it, so a column's memory is its stored size plus its few hot buckets. Before each write, the
/// buckets of days that are due are rolled up into one bucket per day.
/// </summary>
internal sealed partial class FeatureGrain(
    [PersistentState("column", StorageNames.State)] IPersistentState<FeatureState> state,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    ILogger<FeatureGrain> logger) : Grain, IFeatureGrain
{
    private readonly GrainWrites _persistence = writes.For("column", logger);
    private readonly SortedDictionary<long, ColumnBucket> _buckets = [];
    private readonly BucketWrites<long> _writes = new();
    private readonly Dictionary<string, BinEdges> _activeBaselines = new(StringComparer.Ordinal);
    private AppliedEntries _applied = null!;
    private RolledUpDays _rolledUp = null!;
    private readonly ColumnSettings _settings = ColumnSettings.From(options.Value);
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, cutPoints) in state.State.ActiveBaselines)
        {
            _activeBaselines[key] = new BinEdges(cutPoints);
        }

        _applied = new AppliedEntries(state.State.Applied);
        _rolledUp = new RolledUpDays(state.State.RolledUpDays);
        RollUp();

        var interval = options.Value.PersistInterval;
        this.RegisterGrainTimer(FlushAsync, interval, interval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    public Task ApplyAsync(ColumnChunk chunk)
    {
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (chunk.IsEmpty || _applied.Holds(chunk.Position))
        {
            return Task.CompletedTask;
        }

        if (chunk.Bucket > TimeSpan.Zero)
        {
            state.State.Bucket = chunk.Bucket;
        }

        var numeric = !chunk.Numbers.IsDefaultOrEmpty || IsNumeric();
        foreach (var start in chunk.TypeErrors)
        {
            Bucket(start, numeric).TypeErrors++;
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            var bucket = Bucket(chunk.BucketStart(i), numeric);
            if (bucket is NumericBucket numbers)
            {
                numbers.Add(chunk.Numbers[i], _activeBaselines);
            }
            else
            {
                ((CategoricalBucket)bucket).Add(chunk.Category(i));
            }
        }

        _applied.Add(chunk.Position);
        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions)
    {
        if (_dirty)
        {
            await FlushAsync(CancellationToken.None);
        }

        return _dirty ? throw new StoreUnavailableException($"column {this.GetPrimaryKeyString()} could not be written") : _applied.ContainsAll(positions);
    }

    public Task ActivateBaselineAsync(BaselineBins bins)
    {
        foreach (var key in _activeBaselines.Keys.Where(bins.Supersedes).ToList())
        {
            _activeBaselines.Remove(key);
        }

        _activeBaselines[bins.CounterKey] = new BinEdges(bins.CutPoints);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<ColumnSummary> SummarizeAsync(TimeWindow? window) =>
        Task.FromResult(WindowMerge.Summarize(BucketsIn(window), options.Value.QuantileK, options.Value.BaselineExactCapacity, _settings.CategoryCap));

    public Task<long> CountAsync(TimeWindow? window) => Task.FromResult(BucketsIn(window).Sum(b => b.Count + b.Missing));

    public Task<ColumnDrift> GetDriftAsync(ColumnDriftRequest request)
    {
        var columnName = this.GetPrimaryKeyString();
        var drift = ColumnDriftCalculator.Calculate(columnName[(columnName.LastIndexOf('/') + 1)..], BucketsIn(request.Window), request, _settings, options.Value.KsExactCellBudget);
        return Task.FromResult(drift with { Window = _rolledUp.Cover(request.Window) });
    }

    // The bucket that holds records of the bucket starting at start: the day's, once the day is rolled up.
    private ColumnBucket Bucket(long start, bool numeric)
    {
        var key = _rolledUp.KeyOf(start);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            var exactCapacity = _rolledUp.IsDay(key) ? _settings.DayExactCapacity(state.State.Bucket) : _settings.BucketExactCapacity;
            bucket = Stored(key) ?? (numeric ? NumericBucket.Create(_settings, _activeBaselines, exactCapacity) : CategoricalBucket.Create(_settings));
            _buckets.Add(key, bucket);
        }

        _writes.MarkChanged(key);
        return bucket;
    }

    // A chunk without numbers (all missing, or type errors only) is numeric if the column's buckets are; a live bucket
    // answers that without reading a stored one.
    private bool IsNumeric() =>
        (_buckets.Values.FirstOrDefault() ?? state.State.Buckets.Keys.Select(Stored).FirstOrDefault(b => b is not null)) is NumericBucket;

    private IEnumerable<ColumnBucket> BucketsIn(TimeWindow? window) =>
        AllBuckets(window is null ? null : start => _rolledUp.Overlaps(start, window));

    // Every bucket in ascending order of start, live or read from its stored bytes; unreadable ones are left out.
    private IEnumerable<ColumnBucket> AllBuckets(Func<long, bool>? include = null)
    {
        var starts = new SortedSet<long>(state.State.Buckets.Keys);
        starts.UnionWith(_buckets.Keys);
        foreach (var start in starts)
        {
            if (include is not null && !include(start))
            {
                continue;
            }

            if ((_buckets.TryGetValue(start, out var bucket) ? bucket : Stored(start)) is { } found)
            {
                yield return found;
            }
        }
    }

    private ColumnBucket? Stored(long start)
    {
        if (!state.State.Buckets.TryGetValue(start, out var bytes))
        {
            return null;
        }

        try
        {
            return ColumnBucket.Deserialize(bytes);
        }
        catch (FormatException e)
        {
            // One unreadable bucket must not take the column (and every batch of its model) down with it.
            LogBucketUnreadable(logger, e, this.GetPrimaryKeyString(), start);
            return null;
        }
    }

    // Buckets that received nothing since the last write are dropped from memory; their stored bytes stand for them.
    private void ReleaseCold()
    {
        foreach (var start in _buckets.Keys.Where(s => _writes.IsCold(s) && state.State.Buckets.ContainsKey(s)).ToList())
        {
            _buckets.Remove(start);
        }
    }

    private void RollUp()
    {
        var rollup = DayRollup.For(state.State.Bucket, options.Value);
        var starts = new SortedSet<long>(state.State.Buckets.Keys);
        starts.UnionWith(_buckets.Keys);
        var due = _rolledUp.Pending(starts, rollup.DueBefore(time.GetUtcNow())).ToHashSet();
        if (due.Count == 0)
        {
            return;
        }

        foreach (var start in starts.Where(s => due.Contains(DayRollup.DayOf(s)) && !_buckets.ContainsKey(s)))
        {
            if (Stored(start) is { } stored)
            {
                _buckets.Add(start, stored);
            }
        }

        var exactCapacity = _settings.DayExactCapacity(state.State.Bucket);
        foreach (var start in RolledUpDays.Merge(_buckets, due, parts => ColumnBucket.Combine(parts, _settings, exactCapacity)))
        {
            state.State.Buckets.Remove(start);
            _writes.Forget(start);
        }

        _rolledUp.Add(due);
        foreach (var day in due.Where(_buckets.ContainsKey))
        {
            _writes.MarkChanged(day);
        }

        _dirty = true;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        RollUp();
        if (!_dirty)
        {
            ReleaseCold();
            _writes.Idle();
            return;
        }

        foreach (var start in _writes.Changed)
        {
            state.State.Buckets[start] = _buckets[start].Serialize();
        }

        state.State.ActiveBaselines = _activeBaselines.ToDictionary(b => b.Key, b => b.Value.CutPoints.ToArray(), StringComparer.Ordinal);
        if (await _persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken))
        {
            ReleaseCold();
            _writes.Written();
            _dirty = false;
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Column {Column} could not read its bucket starting at {BucketStart}; the bucket is left out")]
    private static partial void LogBucketUnreadable(ILogger logger, Exception exception, string column, long bucketStart);
}
