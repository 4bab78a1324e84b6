using Microsoft.Extensions.Logging;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Hosting;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.Features;

/// <summary>
/// One column of one series: per event-time bucket, a numeric or categorical summary of its values, which answers the
/// column's summaries, counts and drift. Its buckets are a <see cref="BucketStore{TBucket}"/>; a chunk's values go to
/// the numeric kind of bucket when it has numbers or the column's buckets are numeric.
/// </summary>
internal sealed partial class FeatureGrain(
    [PersistentState("column", StorageNames.State)] IPersistentState<FeatureState> state,
    BucketGrainServices services,
    ReferenceSampleCache referenceSamples,
    ILogger<FeatureGrain> logger) : BucketGrain<FeatureState, ColumnBucket>(state, services, logger, "column"), IFeatureGrain
{
    private readonly ColumnSettings _settings = ColumnSettings.From(services.Options);
    private readonly Dictionary<string, BinEdges> _activeBaselines = new(StringComparer.Ordinal);
    private KeptSummaries<ColumnBucket, NumericCounts> _counts = null!;
    private BucketStore<ColumnBucket> _buckets = null!;
    private DriftAnswerMemo? _driftAnswers;

    protected override IEnumerable<BucketStore<ColumnBucket>> Stores => [_buckets];

    public Task ApplyAsync(ColumnChunk chunk)
    {
        Persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (chunk.IsEmpty || Applied.Holds(chunk.Position))
        {
            return Task.CompletedTask;
        }

        if (chunk.Bucket > TimeSpan.Zero)
        {
            State.Bucket = chunk.Bucket;
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

        Applied.Add(chunk.Position);
        Dirty = true;
        return Task.CompletedTask;
    }

    public Task ActivateBaselineAsync(BaselineBins bins)
    {
        foreach (var key in _activeBaselines.Keys.Where(bins.Supersedes).ToList())
        {
            _activeBaselines.Remove(key);
        }

        _activeBaselines[bins.CounterKey] = new BinEdges(bins.CutPoints);
        _driftAnswers?.Clear();
        Dirty = true;
        return Task.CompletedTask;
    }

    public Task<ColumnSummary> SummarizeAsync(TimeWindow? window) =>
        Task.FromResult(WindowMerge.Summarize(BucketsIn(window), Options.QuantileK, Options.BaselineExactCapacity, _settings.CategoryCap));

    public Task<long> CountAsync(TimeWindow? window) => Task.FromResult(BucketsIn(window).Sum(b => b.Count + b.Missing));

    public Task<ColumnDrift> GetDriftAsync(ColumnDriftRequest request)
    {
        _driftAnswers ??= new DriftAnswerMemo();
        if (_driftAnswers.Find(request, _buckets, _buckets.Revision) is { } kept)
        {
            return Task.FromResult(kept);
        }

        var key = FeatureKey.Parse(this.GetPrimaryKeyString());
        var drift = ColumnDriftCalculator.Calculate(
            key.Column,
            BucketsIn(request.Window),
            request,
            _settings,
            Options.KsExactCellBudget,
            reference => referenceSamples.For(key.ModelId, request.CounterKey, reference)) with { Window = RolledUp.Cover(request.Window) };

        // Read after the calculation: a bucket quarantined while it read the window moved the revision on.
        _driftAnswers.Keep(request, _buckets, _buckets.Revision, drift);
        return Task.FromResult(drift);
    }

    public Task<ColumnBinCountsAnswer> GetBinCountsAsync(string counterKey, int binCount, TimeWindow window)
    {
        var decoded = _buckets.Decoded;
        var counts = NumericCounts.Sum(_counts.Read(_buckets, start => RolledUp.Overlaps(start, window)), counterKey, binCount);
        return Task.FromResult(new ColumnBinCountsAnswer(counts is not null, counts is null ? [] : [.. counts], (int)(_buckets.Decoded - decoded)));
    }

    protected override void Load()
    {
        foreach (var (key, cutPoints) in State.ActiveBaselines)
        {
            _activeBaselines[key] = new BinEdges(cutPoints);
        }

        _counts = new KeptSummaries<ColumnBucket, NumericCounts>(NumericCounts.Of);
        _buckets = new BucketStore<ColumnBucket>(State.Buckets, RolledUp, ColumnBucket.Deserialize, b => b.Serialize(), Quarantine, _counts);
    }

    protected override ColumnBucket Combine(IReadOnlyList<ColumnBucket> parts) =>
        ColumnBucket.Combine(parts, _settings, _settings.DayExactCapacity(State.Bucket));

    protected override FeatureState Snapshot(FeatureState live) => live.Snapshot();

    protected override void BeforeWrite() =>
        State.ActiveBaselines = _activeBaselines.ToDictionary(b => b.Key, b => b.Value.CutPoints.ToArray(), StringComparer.Ordinal);

    // The bucket that holds records of the bucket starting at start: the day's, once the day is rolled up.
    private ColumnBucket Bucket(long start, bool numeric) =>
        _buckets.ForRecords(start, key => numeric
            ? NumericBucket.Create(_settings, _activeBaselines, RolledUp.IsDay(key) ? _settings.DayExactCapacity(State.Bucket) : _settings.BucketExactCapacity)
            : CategoricalBucket.Create(_settings));

    // A chunk without numbers (all missing, or type errors only) is numeric if the column's buckets are; a live bucket
    // answers that without reading a stored one.
    private bool IsNumeric() => _buckets.Any() is NumericBucket;

    private IEnumerable<ColumnBucket> BucketsIn(TimeWindow? window) =>
        _buckets.Read(window is null ? null : start => RolledUp.Overlaps(start, window));

    private void Quarantine(long start, byte[] bytes, FormatException exception)
    {
        // The first bytes quarantined for a start are kept: a later bucket of the same start never replaces them.
        State.Quarantined.TryAdd(start, bytes);
        Dirty = true;
        LogBucketQuarantined(Logger, exception, this.GetPrimaryKeyString(), start);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Column {Column} could not read its bucket starting at {BucketStart}; its bytes are quarantined and the bucket is left out")]
    private static partial void LogBucketQuarantined(ILogger logger, Exception exception, string column, long bucketStart);
}
