using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Rollups;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.Features;

/// <summary>
/// One column of one series: a bucket per event-time interval, written to storage as versioned bytes on a timer and on
/// deactivation (only the buckets that changed are re-encoded). A bucket that records are arriving for is held live;
/// one that received nothing for a whole persist interval is held only as its stored bytes and read when a query or a
/// late record needs it, so a column's memory is its stored size plus its few hot buckets. Before each write, the
/// buckets of days that are due are rolled up into one bucket per day. The buckets' lifecycle is <see cref="BucketStore{TBucket}"/>'s.
/// </summary>
internal sealed partial class FeatureGrain(
    [PersistentState("column", StorageNames.State)] IPersistentState<FeatureState> state,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    ILogger<FeatureGrain> logger) : Grain, IFeatureGrain
{
    private readonly GrainWrites _persistence = writes.For("column", logger);
    private readonly Dictionary<string, BinEdges> _activeBaselines = new(StringComparer.Ordinal);
    private AppliedEntries _applied = null!;
    private RolledUpDays _rolledUp = null!;
    private BucketStore<ColumnBucket> _buckets = null!;
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
        _buckets = new BucketStore<ColumnBucket>(state.State.Buckets, _rolledUp, ColumnBucket.Deserialize, b => b.Serialize(), Quarantine);
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
            var bucket = Bucket(chunk.BucketStarts[i], numeric);
            if (bucket is NumericBucket numbers)
            {
                numbers.Add(chunk.Numbers[i], _activeBaselines);
            }
            else
            {
                ((CategoricalBucket)bucket).Add(chunk.Categories[i]);
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
        var drift = ColumnDriftCalculator.Calculate(FeatureKey.Parse(this.GetPrimaryKeyString()).Column, BucketsIn(request.Window), request, _settings, options.Value.KsExactCellBudget);
        return Task.FromResult(drift with { Window = _rolledUp.Cover(request.Window) });
    }

    // The bucket that holds records of the bucket starting at start: the day's, once the day is rolled up.
    private ColumnBucket Bucket(long start, bool numeric) =>
        _buckets.ForRecords(start, key => numeric
            ? NumericBucket.Create(_settings, _activeBaselines, _rolledUp.IsDay(key) ? _settings.DayExactCapacity(state.State.Bucket) : _settings.BucketExactCapacity)
            : CategoricalBucket.Create(_settings));

    // A chunk without numbers (all missing, or type errors only) is numeric if the column's buckets are; a live bucket
    // answers that without reading a stored one.
    private bool IsNumeric() => _buckets.Any() is NumericBucket;

    private IEnumerable<ColumnBucket> BucketsIn(TimeWindow? window) =>
        _buckets.Read(window is null ? null : start => _rolledUp.Overlaps(start, window));

    private void Quarantine(long start, byte[] bytes, FormatException exception)
    {
        state.State.Quarantined[start] = bytes;
        _dirty = true;
        LogBucketQuarantined(logger, exception, this.GetPrimaryKeyString(), start);
    }

    private void RollUp()
    {
        var due = _buckets.PendingDays(DayRollup.For(state.State.Bucket, options.Value).DueBefore(time.GetUtcNow())).ToHashSet();
        if (due.Count > 0)
        {
            var exactCapacity = _settings.DayExactCapacity(state.State.Bucket);
            _buckets.RollUp(due, parts => ColumnBucket.Combine(parts, _settings, exactCapacity));
            _dirty = true;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        RollUp();
        if (!_dirty)
        {
            _buckets.Idle();
            return;
        }

        _buckets.Encode();

        state.State.ActiveBaselines = _activeBaselines.ToDictionary(b => b.Key, b => b.Value.CutPoints.ToArray(), StringComparer.Ordinal);
        if (await _persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken))
        {
            _buckets.Written();
            _dirty = false;
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Column {Column} could not read its bucket starting at {BucketStart}; its bytes are quarantined and the bucket is left out")]
    private static partial void LogBucketQuarantined(ILogger logger, Exception exception, string column, long bucketStart);
}
