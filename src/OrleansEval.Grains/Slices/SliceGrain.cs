using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Rollups;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Sketches.Estimation;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// One slice family of one series: per member and bucket, prediction volume, realised performance state and
/// label-free estimation state, written to storage on a timer and on deactivation (only changed buckets re-encoded).
/// As in a column grain, a bucket is held live only while rows arrive for it; afterwards only as its stored bytes, read
/// back when a query or a late outcome needs it. Before each write, the buckets of days that are due are rolled up into
/// one bucket per member and day. Each member's buckets are a <see cref="BucketStore{TBucket}"/>.
/// </summary>
internal sealed partial class SliceGrain(
    [PersistentState("slice", StorageNames.State)] IPersistentState<SliceState> state,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    ILogger<SliceGrain> logger) : Grain, ISliceGrain
{
    private readonly GrainWrites _persistence = writes.For("slice", logger);
    private readonly Dictionary<string, BucketStore<SliceBucket>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, CalibrationMap> _calibrations = [];
    private AppliedEntries _applied = null!;
    private RolledUpDays _rolledUp = null!;
    private bool _dirty;

    private string Family => SliceGrainKey.Parse(this.GetPrimaryKeyString()).Family;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (fingerprint, bytes) in state.State.Calibrations)
        {
            _calibrations[fingerprint] = CalibrationMap.Deserialize(bytes);
        }

        _applied = new AppliedEntries(state.State.Applied);
        _rolledUp = new RolledUpDays(state.State.RolledUpDays);
        foreach (var (member, buckets) in state.State.Members)
        {
            _members[member] = Store(member, buckets);
        }

        RollUp();

        var interval = options.Value.PersistInterval;
        this.RegisterGrainTimer(FlushAsync, interval, interval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    public Task ApplyAsync(SliceDelta delta)
    {
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (_applied.Holds(delta.Position))
        {
            return Task.CompletedTask;
        }

        state.State.Task = delta.Task;
        state.State.PositiveLabel = delta.PositiveLabel;
        if (delta.Bucket > TimeSpan.Zero)
        {
            state.State.Bucket = delta.Bucket;
        }

        var calibration = Calibration(delta.Calibration, delta.Threshold);
        foreach (var row in delta.Predictions)
        {
            Bucket(row.Member, row.BucketStart).AddPrediction(row.Score, calibration, delta.Threshold);
        }

        foreach (var row in delta.Outcomes)
        {
            try
            {
                Bucket(row.Member, row.BucketStart)
                    .AddOutcome(delta.Task, delta.PositiveLabel, row.Score, row.Predicted, row.PredictedValue, row.Actual, row.ActualValue, row.Weight);
            }
            catch (ArgumentException e)
            {
                // A row the state cannot take (never expected: the join only takes back what it counted) must not
                // poison the grain or the rest of the batch.
                LogRowRefused(logger, e, this.GetPrimaryKeyString(), row.Member);
            }
        }

        _applied.Add(delta.Position);
        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions)
    {
        if (_dirty)
        {
            await FlushAsync(CancellationToken.None);
        }

        return _dirty ? throw new StoreUnavailableException($"slice family {this.GetPrimaryKeyString()} could not be written") : _applied.ContainsAll(positions);
    }

    public Task<ImmutableArray<SlicePerformance>> GetPerformanceAsync(string member, ImmutableArray<TimeWindow> windows)
    {
        // The whole-model member of a family always exists, even before its first record; other members only once seen.
        if (!_members.TryGetValue(member, out var buckets) && member != SliceKey.All)
        {
            return Task.FromResult(ImmutableArray<SlicePerformance>.Empty);
        }

        return Task.FromResult<ImmutableArray<SlicePerformance>>([.. windows.Select(w => Performance(member, buckets, w))]);
    }

    public Task<ImmutableArray<SlicePerformance>> GetMembersAsync(TimeWindow? window) =>
        Task.FromResult<ImmutableArray<SlicePerformance>>([.. _members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => Performance(m.Key, m.Value, window))]);

    public Task<ImmutableArray<byte>> FitCalibrationAsync(TimeWindow? window)
    {
        if (!_members.TryGetValue(SliceKey.All, out var buckets))
        {
            return Task.FromResult(ImmutableArray<byte>.Empty);
        }

        var merged = Merge(buckets, window);
        if (merged.Binary is not { ScoredCount: > 0 } binary)
        {
            return Task.FromResult(ImmutableArray<byte>.Empty);
        }

        var (scores, actuals) = binary.GetScoredOutcomes();
        return Task.FromResult<ImmutableArray<byte>>([.. CalibrationMap.Fit(scores, actuals).Serialize()]);
    }

    private SlicePerformance Performance(string member, BucketStore<SliceBucket>? buckets, TimeWindow? window)
    {
        var merged = buckets is null ? new SliceBucket() : Merge(buckets, window);
        var starts = buckets?.Starts ?? [];
        var estimated = _calibrations.Count == 0
            ? new MetricSet([new("accuracy", new MetricValue(null, SliceMetrics.NotCalibrated))])
            : SliceMetrics.Estimated(merged, state.State.CurrentCalibration);
        var answered = window is null ? null : _rolledUp.Cover(window);
        return new SlicePerformance(
            new SliceKey(Family, member).ApiId,
            answered?.From ?? (starts.Count > 0 ? DateTimeOffset.FromUnixTimeSeconds(starts.Min) : DateTimeOffset.UnixEpoch),
            answered?.To ?? (starts.Count > 0 ? DateTimeOffset.FromUnixTimeSeconds(starts.Max) : DateTimeOffset.UnixEpoch),
            merged.Predictions,
            merged.Labelled,
            SliceMetrics.Realised(merged),
            estimated,
            merged.ScoreHistogram.Any(c => c > 0) ? [.. merged.ScoreHistogram] : [],
            SliceMetrics.Calibration(merged));
    }

    private SliceBucket Merge(BucketStore<SliceBucket> buckets, TimeWindow? window) =>
        SliceBucket.Combine(buckets.Read(window is null ? null : start => _rolledUp.Overlaps(start, window)));

    // The bucket that holds records of the bucket starting at start: the day's, once the day is rolled up.
    private SliceBucket Bucket(string member, long start)
    {
        if (!_members.TryGetValue(member, out var buckets))
        {
            member = AdmitMember(member);
            if (!_members.TryGetValue(member, out buckets))
            {
                var stored = new Dictionary<long, byte[]>();
                state.State.Members[member] = stored;
                buckets = Store(member, stored);
                _members.Add(member, buckets);
            }
        }

        return buckets.ForRecords(start, _ => new SliceBucket());
    }

    private BucketStore<SliceBucket> Store(string member, Dictionary<long, byte[]> stored) =>
        new(stored, _rolledUp, bytes => SliceBucket.Deserialize(bytes, _calibrations), b => b.Serialize(), (start, bytes, e) => Quarantine(member, start, bytes, e));

    private void Quarantine(string member, long start, byte[] bytes, FormatException exception)
    {
        if (!state.State.Quarantined.TryGetValue(member, out var quarantined))
        {
            quarantined = [];
            state.State.Quarantined[member] = quarantined;
        }

        quarantined[start] = bytes;
        _dirty = true;
        LogBucketQuarantined(logger, exception, this.GetPrimaryKeyString(), member, start);
    }

    // A column's categories beyond the cap share one "(other)" member; intervals and "(missing)" are always their own.
    private string AdmitMember(string member)
    {
        var isCategory = !member.StartsWith('[') && member is not (SliceRouter.MissingMember or SliceKey.All);
        var categories = _members.Keys.Count(m => !m.StartsWith('[') && m is not (SliceRouter.MissingMember or SliceKey.All or SliceRouter.OtherMember));
        return isCategory && categories >= options.Value.SliceMembersPerColumn ? SliceRouter.OtherMember : member;
    }

    private CalibrationMap? Calibration(ImmutableArray<byte> bytes, double threshold)
    {
        if (bytes.IsDefaultOrEmpty)
        {
            return null;
        }

        var map = CalibrationMap.Deserialize(bytes.AsSpan());
        if (_calibrations.TryAdd(map.Fingerprint, map))
        {
            state.State.Calibrations[map.Fingerprint] = [.. bytes];
        }

        var current = _calibrations[map.Fingerprint];
        state.State.CurrentCalibration = SliceBucket.EstimateKey(current, threshold);
        return current;
    }

    private void RollUp()
    {
        var dueBefore = DayRollup.For(state.State.Bucket, options.Value).DueBefore(time.GetUtcNow());
        var due = _members.Values.SelectMany(buckets => buckets.PendingDays(dueBefore)).ToHashSet();
        if (due.Count > 0)
        {
            foreach (var buckets in _members.Values)
            {
                buckets.RollUp(due, SliceBucket.Combine);
            }

            _dirty = true;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        RollUp();
        if (!_dirty)
        {
            ForEachMember(b => b.Idle());
            return;
        }

        ForEachMember(b => b.Encode());
        if (await _persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken))
        {
            ForEachMember(b => b.Written());
            _dirty = false;
        }
    }

    private void ForEachMember(Action<BucketStore<SliceBucket>> action)
    {
        foreach (var buckets in _members.Values)
        {
            action(buckets);
        }
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Slice family {Family} could not read the bucket of {Member} starting at {BucketStart}; its bytes are quarantined and the bucket is left out")]
    private static partial void LogBucketQuarantined(ILogger logger, Exception exception, string family, string member, long bucketStart);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Slice family {Family} refused an outcome for member {Member}")]
    private static partial void LogRowRefused(ILogger logger, Exception exception, string family, string member);
}
