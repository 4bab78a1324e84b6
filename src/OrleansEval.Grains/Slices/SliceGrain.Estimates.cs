using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Rollups;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Sketches.Estimation;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// The whole-model member's label-free estimate per window, from its estimation states merged per day under the
/// current calibration: a window of whole days merges one state a day instead of every bucket's performance state.
/// A day's state is dropped whenever a record, an outcome or a quarantine touches that day (SliceGrain.ForgetDay), and
/// every one when the current calibration moves; persist ticks merge the days that have none ahead of any question.
/// Estimation states merge exactly (fixed-point sums, see <see cref="CbpeState"/>), so the estimate is the one a merge
/// of the window's buckets gives, bit for bit.
/// </summary>
internal sealed partial class SliceGrain
{
    // Per day, the whole-model member's estimation state under _dayEstimatesKey (null: the day holds none).
    private readonly Dictionary<long, CbpeState?> _dayEstimates = [];

    // Days whose state a record, an outcome or a quarantine dropped since it was merged.
    private readonly HashSet<long> _touchedEstimateDays = [];

    private ulong _dayEstimatesKey;

    public Task<MetricSet> GetEstimateAsync(TimeWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (_calibrations.Count == 0)
        {
            return Task.FromResult(NotCalibrated);
        }

        var key = CurrentEstimateKey();
        if (!_members.TryGetValue(SliceKey.All, out var buckets))
        {
            return Task.FromResult(MetricSet.Empty);
        }

        // The window the performance read answers: widened over the rolled-up days it cuts.
        var answered = RolledUp.Cover(window);
        var from = answered.From.ToUnixTimeSeconds();
        var firstDay = DayRollup.DayOf(from) == from ? from : DayRollup.DayOf(from) + DayRollup.DaySeconds;
        var endDay = Math.Max(firstDay, DayRollup.DayOf(answered.To.ToUnixTimeSeconds()));
        var days = buckets.Starts.Select(DayRollup.DayOf).Where(day => day >= firstDay && day < endDay).ToHashSet();
        var missing = days.Where(day => !_dayEstimates.ContainsKey(day)).ToHashSet();
        if (missing.Count > 0)
        {
            AddDayEstimates(buckets, missing, key);
        }

        CbpeState? merged = null;
        foreach (var day in days)
        {
            merged = Merged(merged, _dayEstimates[day]);
        }

        foreach (var (_, bucket) in buckets.ReadWithStarts(start => RolledUp.Overlaps(start, answered) && (start < firstDay || start >= endDay)))
        {
            merged = Merged(merged, bucket.Estimates.GetValueOrDefault(key));
        }

        return Task.FromResult(SliceMetrics.Estimated(merged));
    }

    private static MetricSet NotCalibrated { get; } = new([new("accuracy", new MetricValue(null, SliceMetrics.NotCalibrated))]);

    private bool IsWholeModelFamily => Family == SliceKey.All;

    // The calibration the estimate is under; the kept days' states are dropped when it moved since they were merged.
    private ulong CurrentEstimateKey()
    {
        if (_dayEstimatesKey != State.CurrentCalibration)
        {
            _dayEstimates.Clear();
            _touchedEstimateDays.Clear();
            _dayEstimatesKey = State.CurrentCalibration;
        }

        return _dayEstimatesKey;
    }

    // Merges the states of every day of wanted from one pass over its buckets.
    private void AddDayEstimates(BucketStore<SliceBucket> buckets, HashSet<long> wanted, ulong key)
    {
        var added = wanted.ToDictionary(day => day, _ => (CbpeState?)null);
        foreach (var (start, bucket) in buckets.ReadWithStarts(start => wanted.Contains(DayRollup.DayOf(start))))
        {
            var day = DayRollup.DayOf(start);
            added[day] = Merged(added[day], bucket.Estimates.GetValueOrDefault(key));
        }

        foreach (var (day, state) in added)
        {
            _dayEstimates[day] = state;
        }

        _touchedEstimateDays.ExceptWith(wanted);
    }

    // A persist tick merges, within its budget and by the rule of the day totals, the days of a calibrated whole-model
    // member that have no state kept. Returns the budget left.
    private int AddDayEstimatesAhead(int budget)
    {
        if (!IsWholeModelFamily || _calibrations.Count == 0 || !_members.TryGetValue(SliceKey.All, out var buckets))
        {
            return budget;
        }

        var key = CurrentEstimateKey();
        var missing = DaysToAdd(buckets, _dayEstimates.ContainsKey, _touchedEstimateDays, budget);
        if (missing.Count > 0)
        {
            AddDayEstimates(buckets, missing, key);
        }

        return budget - missing.Count;
    }

    /// <summary>
    /// <paramref name="merged"/> with <paramref name="state"/> merged into it (a copy of <paramref name="state"/> when it is null);
    /// the merge of a window's days, which the warm-up runs too.
    /// </summary>
    internal static CbpeState? Merged(CbpeState? merged, CbpeState? state)
    {
        if (state is null)
        {
            return merged;
        }

        if (merged is null)
        {
            return state.Clone();
        }

        merged.Merge(state);
        return merged;
    }
}
