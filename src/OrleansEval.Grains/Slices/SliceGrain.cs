using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// As in a column grain, a bucket is held live only while rows arrive for it; afterwards only as its stored bytes (a
/// null entry here), read back when a query or a late outcome needs it. Before each write, the buckets of days that
/// are due are rolled up into one bucket per member and day.
/// </summary>
internal sealed partial class SliceGrain(
    [PersistentState("slice", StorageNames.State)] IPersistentState<SliceState> state,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    ILogger<SliceGrain> logger) : Grain, ISliceGrain
{
    private readonly GrainWrites _persistence = writes.For("slice", logger);
    private readonly Dictionary<string, SortedDictionary<long, SliceBucket?>> _members = new(StringComparer.Ordinal);
    private readonly BucketWrites<(string Member, long Bucket)> _writes = new();
    private readonly Dictionary<ulong, CalibrationMap> _calibrations = [];
    private AppliedEntries _applied = null!;
    private RolledUpDays _rolledUp = null!;
    private bool _dirty;

    private string Family => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (fingerprint, bytes) in state.State.Calibrations)
        {
            _calibrations[fingerprint] = CalibrationMap.Deserialize(bytes);
        }

        foreach (var (member, buckets) in state.State.Members)
        {
            _members[member] = new SortedDictionary<long, SliceBucket?>(buckets.ToDictionary(b => b.Key, _ => (SliceBucket?)null));
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

        var merged = Merge(SliceKey.All, buckets, window);
        if (merged.Binary is not { ScoredCount: > 0 } binary)
        {
            return Task.FromResult(ImmutableArray<byte>.Empty);
        }

        var (scores, actuals) = binary.GetScoredOutcomes();
        return Task.FromResult<ImmutableArray<byte>>([.. CalibrationMap.Fit(scores, actuals).Serialize()]);
    }

    private SlicePerformance Performance(string member, SortedDictionary<long, SliceBucket?>? buckets, TimeWindow? window)
    {
        var merged = buckets is null ? new SliceBucket() : Merge(member, buckets, window);
        var estimated = _calibrations.Count == 0
            ? new MetricSet([new("accuracy", new MetricValue(null, SliceMetrics.NotCalibrated))])
            : SliceMetrics.Estimated(merged, state.State.CurrentCalibration);
        var answered = window is null ? null : _rolledUp.Cover(window);
        return new SlicePerformance(
            new SliceKey(Family, member).ApiId,
            answered?.From ?? (buckets is { Count: > 0 } ? DateTimeOffset.FromUnixTimeSeconds(buckets.Keys.First()) : DateTimeOffset.UnixEpoch),
            answered?.To ?? (buckets is { Count: > 0 } ? DateTimeOffset.FromUnixTimeSeconds(buckets.Keys.Last()) : DateTimeOffset.UnixEpoch),
            merged.Predictions,
            merged.Labelled,
            SliceMetrics.Realised(merged),
            estimated,
            merged.ScoreHistogram.Any(c => c > 0) ? [.. merged.ScoreHistogram] : [],
            SliceMetrics.Calibration(merged));
    }

    private SliceBucket Merge(string member, SortedDictionary<long, SliceBucket?> buckets, TimeWindow? window)
    {
        var merged = new SliceBucket();
        foreach (var (start, bucket) in buckets)
        {
            if (window is null || _rolledUp.Overlaps(start, window))
            {
                merged.Merge(bucket ?? Stored(member, start));
            }
        }

        return merged;
    }

    private SliceBucket Stored(string member, long start)
    {
        try
        {
            return SliceBucket.Deserialize(state.State.Members[member][start], _calibrations);
        }
        catch (FormatException e)
        {
            // One unreadable bucket must not fail a batch, a query or every later write of the family: it counts as
            // empty, and the next write of the bucket replaces it.
            LogBucketUnreadable(logger, e, this.GetPrimaryKeyString(), member, start);
            return new SliceBucket();
        }
    }

    // Buckets that received nothing since the last write are dropped from memory; their stored bytes stand for them.
    private void ReleaseCold()
    {
        foreach (var (member, buckets) in _members)
        {
            var persisted = state.State.Members.GetValueOrDefault(member);
            foreach (var start in buckets.Where(b => b.Value is not null).Select(b => b.Key).ToList())
            {
                if (persisted?.ContainsKey(start) == true && _writes.IsCold((member, start)))
                {
                    buckets[start] = null;
                }
            }
        }
    }

    // The bucket that holds records of the bucket starting at start: the day's, once the day is rolled up.
    private SliceBucket Bucket(string member, long start)
    {
        if (!_members.TryGetValue(member, out var buckets))
        {
            member = AdmitMember(member);
            if (!_members.TryGetValue(member, out buckets))
            {
                buckets = [];
                _members.Add(member, buckets);
            }
        }

        var key = _rolledUp.KeyOf(start);
        if (!buckets.TryGetValue(key, out var bucket) || bucket is null)
        {
            bucket = buckets.ContainsKey(key) ? Stored(member, key) : new SliceBucket();
            buckets[key] = bucket;
        }

        _writes.MarkChanged((member, key));
        return bucket;
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
        var due = _members.Values.SelectMany(buckets => _rolledUp.Pending(buckets.Keys, dueBefore)).ToHashSet();
        if (due.Count == 0)
        {
            return;
        }

        foreach (var (member, buckets) in _members)
        {
            foreach (var start in buckets.Where(b => b.Value is null && due.Contains(DayRollup.DayOf(b.Key))).Select(b => b.Key).ToList())
            {
                buckets[start] = Stored(member, start);
            }

            var persisted = state.State.Members.GetValueOrDefault(member);
            foreach (var start in RolledUpDays.Merge(buckets, due, parts => SliceBucket.Combine([.. parts.Select(p => p!)])))
            {
                persisted?.Remove(start);
                _writes.Forget((member, start));
            }

            foreach (var day in due.Where(buckets.ContainsKey))
            {
                _writes.MarkChanged((member, day));
            }
        }

        _rolledUp.Add(due);
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

        foreach (var (member, start) in _writes.Changed)
        {
            if (!state.State.Members.TryGetValue(member, out var buckets))
            {
                buckets = [];
                state.State.Members[member] = buckets;
            }

            buckets[start] = _members[member][start]!.Serialize();
        }

        if (await _persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken))
        {
            ReleaseCold();
            _writes.Written();
            _dirty = false;
        }
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Slice family {Family} could not read the bucket of {Member} starting at {BucketStart}; it counts as empty")]
    private static partial void LogBucketUnreadable(ILogger logger, Exception exception, string family, string member, long bucketStart);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Slice family {Family} refused an outcome for member {Member}")]
    private static partial void LogRowRefused(ILogger logger, Exception exception, string family, string member);
}
