using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Rollups;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// Members' counts per window for the per-bin root cause, from per-day totals kept in memory: a day's totals are added
/// again from its buckets at the end of every delta that counted a record or an outcome in it (a late actual, a
/// correction) while all of that day's buckets are in memory, so a question finds every such day current and a window of whole days costs one addition per
/// member and day however many buckets and rows it holds. Partial days at the window's ends are added from their
/// buckets. Days with nothing kept — after an activation, or after a quarantine dropped a day's totals — are added by
/// the persist ticks ahead of any question (a question still adds one it finds missing, and says how many it added);
/// in the whole-model family the ticks first merge the days' estimation states by the same rule (see
/// SliceGrain.Estimates).
/// </summary>
internal sealed partial class SliceGrain
{
    /// <summary>Member-days a persist tick adds totals for at most, ahead of any question.</summary>
    private const int DaysAddedPerTick = 256;

    private readonly Dictionary<string, Dictionary<long, MemberTotals>> _dayTotals = new(StringComparer.Ordinal);

    // Per member, the days whose totals were dropped since they were added and not added again: a quarantine's (a delta's
    // days are added again at its end).
    private readonly Dictionary<string, HashSet<long>> _touchedDays = new(StringComparer.Ordinal);

    // True once a tick found every day of every member kept or left for a question (a touched day not in memory), until
    // a record, an outcome or a quarantine touches a day again: an idle grain does not look its days over every tick.
    private bool _dayTotalsWhole;

    private (long First, long Last)? _extent;

    // Per member, the days the delta being applied counted something in: their totals are added again at its end, and the
    // sets emptied for the next delta.
    private readonly Dictionary<string, HashSet<long>> _changedDays = new(StringComparer.Ordinal);

    // The buckets of the day whose totals a delta keeps current, reused from delta to delta.
    private readonly List<(long Start, SliceBucket Bucket)> _dayBuckets = [];

    // Member-days whose totals the current question added from buckets, for its answer and the log.
    private int _daysAdded;

    public Task<SliceBinCountsAnswer> GetBinCountsAsync(TimeWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var started = Stopwatch.GetTimestamp();
        _daysAdded = 0;
        var from = window.From.ToUnixTimeSeconds();
        var to = window.To.ToUnixTimeSeconds();
        var firstDay = DayRollup.DayOf(from) == from ? from : DayRollup.DayOf(from) + DayRollup.DaySeconds;
        var endDay = Math.Max(firstDay, DayRollup.DayOf(to));

        // Whole days are only those that hold buckets: an open window costs the data's days, not the calendar's.
        var (first, last) = _extent ??= Extent();
        firstDay = Math.Max(firstDay, DayRollup.DayOf(first));
        endDay = Math.Max(firstDay, Math.Min(endDay, DayRollup.DayOf(last) + DayRollup.DaySeconds));
        var members = _members
            .OrderBy(member => member.Key, StringComparer.Ordinal)
            .Select(member => Totals(member.Key, member.Value, window, firstDay, endDay).ToCounts(member.Key))
            .ToImmutableArray();
        if (_daysAdded > 0 && Logger.IsEnabled(LogLevel.Debug))
        {
            var took = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var family = this.GetPrimaryKeyString();
            LogDaysAdded(Logger, family, _daysAdded, took);
        }

        return Task.FromResult(new SliceBinCountsAnswer(RolledUp.Cover(window), members, Revision(from, to), _daysAdded));
    }

    // The revision of a window's counts: the sum of its days' revisions, so a change to another day (a record after a
    // baseline's window, an outcome for one) leaves it where it was.
    private string Revision(long from, long to)
    {
        var revision = 0UL;
        foreach (var (day, fingerprint) in State.DayFingerprints)
        {
            if (day < to && day + DayRollup.DaySeconds > from)
            {
                revision = unchecked(revision + fingerprint);
            }
        }

        return revision.ToString("x16", CultureInfo.InvariantCulture);
    }

    // A member's totals: whole days [firstDay, endDay) from the day totals, the rest of the window from its buckets.
    private MemberTotals Totals(string member, BucketStore<SliceBucket> buckets, TimeWindow window, long firstDay, long endDay)
    {
        var days = DayTotalsOf(member);
        var wanted = Enumerable.Range(0, (int)((endDay - firstDay) / DayRollup.DaySeconds)).Select(d => firstDay + (d * DayRollup.DaySeconds)).ToHashSet();
        if (!wanted.All(days.ContainsKey))
        {
            AddDays(days, buckets, wanted);
        }

        var totals = new MemberTotals();
        for (var day = firstDay; day < endDay; day += DayRollup.DaySeconds)
        {
            totals.Add(days[day]);
        }

        foreach (var (_, bucket) in buckets.ReadWithStarts(start => RolledUp.Overlaps(start, window) && (start < firstDay || start >= endDay)))
        {
            totals.Add(bucket);
        }

        return totals;
    }

    // Fills every day of wanted not kept yet, from one pass over its buckets, each day's added in ascending order of start
    // as the apply adds a day it keeps current. A day without a bucket costs no read and is not counted as added.
    private void AddDays(Dictionary<long, MemberTotals> days, BucketStore<SliceBucket> buckets, IReadOnlySet<long> wanted)
    {
        var missing = wanted.Where(day => !days.ContainsKey(day)).ToHashSet();
        foreach (var day in missing)
        {
            days[day] = new MemberTotals();
        }

        var read = new HashSet<long>();
        foreach (var (start, bucket) in buckets.ReadDays(missing))
        {
            var day = DayRollup.DayOf(start);
            days[day].Add(bucket);
            read.Add(day);
        }

        _daysAdded += read.Count;
    }

    // At the end of a delta, adds again the totals of every member-day it counted a record or an outcome in whose
    // buckets are all in memory (a day being loaded, or one whose buckets took the delta and the ones before it): a
    // question then never adds such a day on its path. A correction or a late actual moves a day's totals exactly as
    // it moves its buckets, since the totals are the buckets' sum again. A day with a bucket that is only bytes — today
    // under live traffic, whose earlier hours went cold — is left for a question or a tick, as before: adding it here
    // would decode those buckets again after every delta.
    private void KeepDayTotalsCurrent()
    {
        foreach (var (member, changed) in _changedDays)
        {
            if (!_members.TryGetValue(member, out var buckets))
            {
                continue;
            }

            var days = DayTotalsOf(member);
            var touched = _touchedDays.GetValueOrDefault(member);
            foreach (var day in changed)
            {
                if (buckets.TryReadDayInMemory(day, _dayBuckets))
                {
                    var totals = new MemberTotals();
                    _dayBuckets.ForEach(bucket => totals.Add(bucket.Bucket));
                    days[day] = totals;
                    touched?.Remove(day);
                }
            }

            // Kept for the member's next delta: a set a member and delta would be garbage on the ingest path.
            changed.Clear();
        }

        _dayBuckets.Clear();
    }

    // Every persist tick adds the totals of some days that hold buckets and have none kept, newest first, so that a
    // question finds them kept rather than reading every bucket of its window: a day never added since the activation
    // (read once), and a day touched since it was added when all its buckets are still in memory — not a day that keeps
    // taking records while most of its buckets are bytes (today, live), which would be read again at every tick. A
    // bounded number of days a tick keeps a grain reloaded with a long history answering records while they are added.
    protected override void BeforeFlush()
    {
        if (_dayTotalsWhole)
        {
            return;
        }

        var budget = AddDayEstimatesAhead(DaysAddedPerTick);
        foreach (var (member, buckets) in _members.TakeWhile(_ => budget > 0))
        {
            var days = DayTotalsOf(member);
            var touched = _touchedDays.GetValueOrDefault(member);
            var missing = DaysToAdd(buckets, days.ContainsKey, touched, budget);
            if (missing.Count > 0)
            {
                AddDays(days, buckets, missing);
                touched?.ExceptWith(missing);
                budget -= missing.Count;
            }
        }

        _dayTotalsWhole = budget > 0;
    }

    // The days of a member's buckets that have nothing kept (kept says which do) and that a tick adds, newest first, at
    // most budget: a day not touched since it was added (or never added), and a touched one whose buckets are all in memory.
    private static HashSet<long> DaysToAdd(BucketStore<SliceBucket> buckets, Func<long, bool> kept, HashSet<long>? touched, int budget) =>
        buckets.Starts.GroupBy(DayRollup.DayOf)
            .Where(day => !kept(day.Key) && (touched is null || !touched.Contains(day.Key) || day.All(buckets.InMemory)))
            .Select(day => day.Key).OrderDescending().Take(budget).ToHashSet();

    private Dictionary<long, MemberTotals> DayTotalsOf(string member)
    {
        if (!_dayTotals.TryGetValue(member, out var days))
        {
            days = [];
            _dayTotals[member] = days;
        }

        return days;
    }

    private (long First, long Last) Extent()
    {
        var starts = _members.Values.SelectMany(buckets => buckets.Starts).ToList();
        return starts.Count == 0 ? (0, 0) : (starts.Min(), starts.Max());
    }

    // The revision of each day the change touched moves by a hash of the change: the position of an applied delta (its
    // batch when it has none) or a quarantined bucket. A sum is the same whatever order the changes came in, and it is
    // stored with the counts, so a state reloaded, and a log replayed into it, is at the same revision as before.
    private void Fingerprint(string change, long number, IEnumerable<long> days)
    {
        var hash = Hash(change, number);
        foreach (var day in days)
        {
            State.DayFingerprints[day] = unchecked(State.DayFingerprints.GetValueOrDefault(day) + hash);
        }
    }

    // FNV-1a over the change's characters and number, mixed once more so nearby numbers spread over all bits.
    private static ulong Hash(string change, long number)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in change)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        hash = unchecked((hash ^ (ulong)number) * 0x9E3779B97F4A7C15UL);
        return hash ^ (hash >> 29);
    }

    // A delta counts a record or an outcome in the bucket starting at start: the day's totals are added again at its end.
    private void DayChanged(string member, long start)
    {
        ForgetDay(member, start);
        if (!_changedDays.TryGetValue(member, out var changed))
        {
            changed = [];
            _changedDays[member] = changed;
        }

        changed.Add(DayRollup.DayOf(start));
    }

    // A record, an outcome or a quarantine changed the bucket starting at start: its day's totals (and, for the
    // whole-model member, its estimation state) no longer hold.
    private void ForgetDay(string member, long start)
    {
        _dayTotalsWhole = false;
        var day = DayRollup.DayOf(start);
        if (_extent is { } extent)
        {
            _extent = (Math.Min(extent.First, start), Math.Max(extent.Last, start));
        }

        if (member == SliceKey.All && _dayEstimates.Remove(day))
        {
            _touchedEstimateDays.Add(day);
        }

        if (_dayTotals.Count > 0 && _dayTotals.TryGetValue(member, out var days) && days.Remove(day))
        {
            if (!_touchedDays.TryGetValue(member, out var touched))
            {
                touched = [];
                _touchedDays[member] = touched;
            }

            touched.Add(day);
        }
    }

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Slice family {Family} added {MemberDays} member-days of totals from their buckets in {TookMs} ms")]
    private static partial void LogDaysAdded(ILogger logger, string family, int memberDays, long tookMs);
}
