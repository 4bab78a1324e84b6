using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Rollups;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Sketches.Estimation;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// One slice family of one series: per member and event-time bucket, prediction volume, realised performance state
/// and label-free estimation state; each member's buckets are a <see cref="BucketStore{TBucket}"/> of their own.
/// </summary>
internal sealed partial class SliceGrain(
    BucketGrainServices services,
    [PersistentState("slice", StorageNames.State)] IPersistentState<SliceState> state,
    ILogger<SliceGrain> logger) : BucketGrain<SliceState, SliceBucket>(state, services, logger, "slice"), ISliceGrain
{
    private readonly Dictionary<string, BucketStore<SliceBucket>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, CalibrationMap> _calibrations = [];

    private string Family => SliceGrainKey.Parse(this.GetPrimaryKeyString()).Family;

    protected override IEnumerable<BucketStore<SliceBucket>> Stores => _members.Values;

    public Task ApplyAsync(SliceDelta delta)
    {
        Persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (Applied.Holds(delta.Position))
        {
            return Task.CompletedTask;
        }

        State.Task = delta.Task;
        State.PositiveLabel = delta.PositiveLabel;
        if (delta.Bucket > TimeSpan.Zero)
        {
            State.Bucket = delta.Bucket;
        }

        var calibration = Calibration(delta.Calibration, delta.Threshold);
        var days = new HashSet<long>();
        foreach (var row in delta.Predictions)
        {
            Bucket(row.Member, row.BucketStart).AddPrediction(row.Score, calibration, delta.Threshold);
            days.Add(DayRollup.DayOf(row.BucketStart));
        }

        foreach (var row in delta.Outcomes)
        {
            days.Add(DayRollup.DayOf(row.BucketStart));
            try
            {
                Bucket(row.Member, row.BucketStart)
                    .AddOutcome(delta.Task, delta.PositiveLabel, row.Score, row.Predicted, row.PredictedValue, row.Actual, row.ActualValue, row.Weight);
            }
            catch (ArgumentException e)
            {
                // A row the state cannot take (never expected: the join only takes back what it counted) must not
                // poison the grain or the rest of the batch.
                LogRowRefused(Logger, e, this.GetPrimaryKeyString(), row.Member);
            }
        }

        Applied.Add(delta.Position);
        if (delta.Position is { } position)
        {
            Fingerprint(position.Log, position.Sequence, days);
        }
        else
        {
            Fingerprint(delta.BatchId, 0, days);
        }

        Dirty = true;
        KeepDayTotalsCurrent();
        return Task.CompletedTask;
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

    protected override void Load()
    {
        foreach (var (fingerprint, bytes) in State.Calibrations)
        {
            _calibrations[fingerprint] = CalibrationMap.Deserialize(bytes);
        }

        foreach (var (member, buckets) in State.Members)
        {
            _members[member] = Store(member, buckets);
        }
    }

    protected override SliceState Snapshot(SliceState live) => live.Snapshot();

    protected override SliceBucket Combine(IReadOnlyList<SliceBucket> parts) => SliceBucket.Combine(parts);

    private SlicePerformance Performance(string member, BucketStore<SliceBucket>? buckets, TimeWindow? window)
    {
        var merged = buckets is null ? new SliceBucket() : Merge(buckets, window);
        var starts = buckets?.Starts ?? [];
        var estimated = _calibrations.Count == 0
            ? NotCalibrated
            : SliceMetrics.Estimated(merged, State.CurrentCalibration);
        var answered = window is null ? null : RolledUp.Cover(window);
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
        SliceBucket.Combine(buckets.Read(window is null ? null : start => RolledUp.Overlaps(start, window)));

    // The bucket that holds records of the bucket starting at start: the day's, once the day is rolled up.
    private SliceBucket Bucket(string member, long start)
    {
        if (!_members.TryGetValue(member, out var buckets))
        {
            member = AdmitMember(member);
            if (!_members.TryGetValue(member, out buckets))
            {
                var stored = new Dictionary<long, byte[]>();
                State.Members[member] = stored;
                buckets = Store(member, stored);
                _members.Add(member, buckets);
            }
        }

        DayChanged(member, start);
        return buckets.ForRecords(start, _ => new SliceBucket());
    }

    private BucketStore<SliceBucket> Store(string member, Dictionary<long, byte[]> stored) =>
        new(stored, RolledUp, bytes => SliceBucket.Deserialize(bytes, _calibrations), b => b.Serialize(), (start, bytes, e) => Quarantine(member, start, bytes, e));

    private void Quarantine(string member, long start, byte[] bytes, FormatException exception)
    {
        if (!State.Quarantined.TryGetValue(member, out var quarantined))
        {
            quarantined = [];
            State.Quarantined[member] = quarantined;
        }

        // The first bytes quarantined for a start are kept: a later bucket of the same start never replaces them.
        quarantined.TryAdd(start, bytes);
        ForgetDay(member, start);
        Fingerprint("quarantine:" + member, start, [DayRollup.DayOf(start)]);
        Dirty = true;
        LogBucketQuarantined(Logger, exception, this.GetPrimaryKeyString(), member, start);
    }

    // A column's categories beyond the cap share one "(other)" member; intervals and "(missing)" are always their own.
    private string AdmitMember(string member)
    {
        var isCategory = !member.StartsWith('[') && member is not (SliceRouter.MissingMember or SliceKey.All);
        var categories = _members.Keys.Count(m => !m.StartsWith('[') && m is not (SliceRouter.MissingMember or SliceKey.All or SliceRouter.OtherMember));
        return isCategory && categories >= Options.SliceMembersPerColumn ? SliceRouter.OtherMember : member;
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
            State.Calibrations[map.Fingerprint] = [.. bytes];
        }

        var current = _calibrations[map.Fingerprint];
        State.CurrentCalibration = SliceBucket.EstimateKey(current, threshold);
        return current;
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Slice family {Family} could not read the bucket of {Member} starting at {BucketStart}; its bytes are quarantined and the bucket is left out")]
    private static partial void LogBucketQuarantined(ILogger logger, Exception exception, string family, string member, long bucketStart);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Slice family {Family} refused an outcome for member {Member}")]
    private static partial void LogRowRefused(ILogger logger, Exception exception, string family, string member);
}
