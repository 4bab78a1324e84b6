using System.Buffers;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace OrleansEval.Sketches.Categories;

/// <summary>
/// Counts of string categories: exact up to <see cref="MaxExactCategories"/> distinct values, then a Misra–Gries
/// frequent-items summary (Misra and Gries, "Finding repeated elements", 1982) with an explicit <see cref="OtherCount"/>,
/// so that the tracked counts plus the other mass always equal <see cref="Count"/>, and a <see cref="HyperLogLog"/> for the
/// number of distinct values.
/// </summary>
/// <remarks>
/// <para>
/// Summary phase. With cap = <see cref="MaxExactCategories"/>, the summary is reduced by the mergeable-summary rule of
/// Agarwal et al. ("Mergeable summaries", PODS 2012): subtract the (cap + 1)-th largest count d from every counter and drop
/// those that are no longer positive, which leaves at most cap counters and moves at least (cap + 1)·d into the other mass.
/// A merge adds the counters and reduces whenever more than cap are held, so a merged summary has at most cap counters.
/// An update of an untracked category adds a counter and reduces only once more than 2·cap are held: the batched form of
/// the Misra–Gries decrement, with the same guarantee, whose cost is amortised to O(1) per update instead of O(cap) on
/// every miss. Every tracked count is a lower bound that falls short of the truth by at most
/// <see cref="MaximumUnderestimate"/> (the sum of the subtracted d), which never exceeds <see cref="OtherCount"/>/(cap + 1)
/// for sketches of equal cap, and so never exceeds <see cref="Count"/>/(cap + 1); an untracked category occurred at most that
/// many times.
/// </para>
/// <para>
/// Merge is associative and commutative while the result is exact, and commutative (equal bytes) afterwards. An update of
/// a tracked category is one dictionary lookup with no allocation. Categories compare by ordinal; a category must be
/// well-formed UTF-16 (no unpaired surrogate) so that it survives the UTF-8 round trip. Instances are not thread-safe.
/// </para>
/// <para>
/// Binary format, version 1, little-endian: type tag 0x03, version 1, flags (bit 0 set once inexact), cap (int32),
/// configured HyperLogLog precision (one byte), then as unsigned LEB128 the count, the other mass, the maximum
/// underestimate and the number of categories; then each category in ordinal order as its UTF-8 byte length (LEB128), the
/// bytes and its count (LEB128); then, when inexact, the length (LEB128) and bytes of the serialized
/// <see cref="HyperLogLog"/>.
/// </para>
/// </remarks>
public sealed partial class CategoryCounts
{
    /// <summary>Default number of distinct categories counted exactly.</summary>
    public const int DefaultMaxExactCategories = 1000;

    /// <summary>Largest accepted cap.</summary>
    public const int MaximumMaxExactCategories = 1 << 20;

    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "category counts";

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ReadOnlyDictionary<string, long> _readOnlyCounts;
    private long _count;
    private long _otherCount;
    private long _maximumUnderestimate;
    private HyperLogLog? _distinct;

    /// <summary>Creates empty counts.</summary>
    /// <param name="maxExactCategories">Distinct categories counted exactly before the summary takes over; 1 to 2^20.</param>
    /// <param name="hyperLogLogPrecision">Precision of the distinct-count estimator used once inexact.</param>
    public CategoryCounts(int maxExactCategories = DefaultMaxExactCategories, int hyperLogLogPrecision = HyperLogLog.DefaultPrecision)
    {
        if (maxExactCategories is < 1 or > MaximumMaxExactCategories)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxExactCategories), maxExactCategories, $"The cap must be between 1 and {MaximumMaxExactCategories}.");
        }

        if (hyperLogLogPrecision is < HyperLogLog.MinimumPrecision or > HyperLogLog.MaximumPrecision)
        {
            throw new ArgumentOutOfRangeException(
                nameof(hyperLogLogPrecision),
                hyperLogLogPrecision,
                $"The precision must be between {HyperLogLog.MinimumPrecision} and {HyperLogLog.MaximumPrecision}.");
        }

        MaxExactCategories = maxExactCategories;
        HyperLogLogPrecision = hyperLogLogPrecision;
        _readOnlyCounts = new ReadOnlyDictionary<string, long>(_counts);
    }

    /// <summary>The cap: distinct categories counted exactly, and the size the summary is reduced to afterwards.</summary>
    public int MaxExactCategories { get; }

    /// <summary>Precision of the distinct-count estimator created when the counts become inexact.</summary>
    public int HyperLogLogPrecision { get; }

    /// <summary>Total weight added.</summary>
    public long Count => _count;

    /// <summary>True when nothing has been added.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>True while every category is counted exactly: at most <see cref="MaxExactCategories"/> distinct values so far.</summary>
    public bool IsExact => _distinct is null;

    /// <summary>Weight not attributed to a tracked category; zero while exact.</summary>
    public long OtherCount => _otherCount;

    /// <summary>The most by which any tracked count (or the zero of an untracked category) falls short of the truth; zero while exact.</summary>
    public long MaximumUnderestimate => _maximumUnderestimate;

    /// <summary>Tracked categories and their counts (exact while <see cref="IsExact"/>, else lower bounds); a live read-only view.</summary>
    public IReadOnlyDictionary<string, long> Counts => _readOnlyCounts;

    /// <summary>
    /// Number of distinct categories: exact while <see cref="IsExact"/>, else the HyperLogLog estimate (never less than the
    /// number of tracked categories).
    /// </summary>
    public long DistinctCount =>
        _distinct is null ? _counts.Count : Math.Max(_counts.Count, (long)Math.Round(_distinct.Estimate()));

    /// <summary>The distinct-count estimator, or null while exact.</summary>
    public HyperLogLog? DistinctEstimator => _distinct;

    /// <summary>The tracked categories and counts in ordinal order of the category.</summary>
    public KeyValuePair<string, long>[] GetSortedCounts()
    {
        var result = _counts.ToArray();
        Array.Sort(result, static (x, y) => string.CompareOrdinal(x.Key, y.Key));
        return result;
    }

    /// <summary>Count of <paramref name="category"/>: exact while <see cref="IsExact"/>, else a lower bound; 0 when untracked.</summary>
    public long CountOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return _counts.GetValueOrDefault(category);
    }

    /// <summary>An upper bound on the count of <paramref name="category"/>: <see cref="CountOf"/> + <see cref="MaximumUnderestimate"/>.</summary>
    public long CountUpperBound(string category) => CountOf(category) + _maximumUnderestimate;

    /// <summary>Adds one occurrence of <paramref name="category"/>.</summary>
    public void Update(string category) => Update(category, 1);

    /// <summary>Adds <paramref name="weight"/> occurrences of <paramref name="category"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="category"/> holds an unpaired surrogate.</exception>
    public void Update(string category, long weight)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be positive.");
        }

        var count = checked(_count + weight);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, category, out var exists);
        if (exists)
        {
            slot += weight; // cannot overflow: a counter never exceeds the count
            _count = count;
            return;
        }

        if (!IsWellFormed(category))
        {
            _counts.Remove(category);
            throw new ArgumentException("A category must not contain an unpaired surrogate.", nameof(category));
        }

        slot = weight;
        _count = count;
        if (_distinct is null)
        {
            if (_counts.Count > MaxExactCategories)
            {
                BecomeInexact();
            }
        }
        else
        {
            _distinct.Add(category);
            Reduce(2 * MaxExactCategories);
        }
    }

    /// <summary>
    /// Adds everything <paramref name="other"/> has counted; <paramref name="other"/> is left unchanged and this instance keeps
    /// its cap. The result is exact when both are exact and together hold at most <see cref="MaxExactCategories"/> categories.
    /// </summary>
    public void Merge(CategoryCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._count == 0)
        {
            return;
        }

        if (ReferenceEquals(other, this))
        {
            other = Clone();
        }
        else if (_count == 0 && MaxExactCategories == other.MaxExactCategories && HyperLogLogPrecision == other.HyperLogLogPrecision)
        {
            // The neutral element: the result is the other summary as it stands.
            CopyFrom(other);
            return;
        }

        var count = checked(_count + other._count);
        var otherCount = checked(_otherCount + other._otherCount);
        var underestimate = checked(_maximumUnderestimate + other._maximumUnderestimate);
        foreach (var (category, value) in other._counts)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, category, out _);
            slot += value;
        }

        _count = count;
        _otherCount = otherCount;
        _maximumUnderestimate = underestimate;

        if (_distinct is null && other._distinct is null && _counts.Count <= MaxExactCategories)
        {
            return;
        }

        if (_distinct is null)
        {
            // The union of the counters holds every category this side has seen.
            BecomeInexact();
        }
        else if (other._distinct is null)
        {
            foreach (var category in other._counts.Keys)
            {
                _distinct.Add(category);
            }
        }

        if (other._distinct is not null)
        {
            _distinct!.Merge(other._distinct);
        }

        Reduce(MaxExactCategories);
    }

    /// <summary>An independent copy.</summary>
    public CategoryCounts Clone()
    {
        var copy = new CategoryCounts(MaxExactCategories, HyperLogLogPrecision);
        copy.CopyFrom(this);
        return copy;
    }

    private void BecomeInexact()
    {
        var distinct = new HyperLogLog(HyperLogLogPrecision);
        foreach (var category in _counts.Keys)
        {
            distinct.Add(category);
        }

        _distinct = distinct;
    }

    private void CopyFrom(CategoryCounts other)
    {
        _count = other._count;
        _otherCount = other._otherCount;
        _maximumUnderestimate = other._maximumUnderestimate;
        _distinct = other._distinct?.Clone();
        _counts.Clear();
        foreach (var (category, value) in other._counts)
        {
            _counts.Add(category, value);
        }
    }

    // Applies the mergeable-summary reduction when more than `limit` counters are held.
    private void Reduce(int limit)
    {
        var cap = MaxExactCategories;
        var n = _counts.Count;
        if (n <= limit)
        {
            return;
        }

        var values = ArrayPool<long>.Shared.Rent(n);
        try
        {
            _counts.Values.CopyTo(values, 0);
            var span = values.AsSpan(0, n);
            span.Sort();
            var d = span[n - 1 - cap]; // the (cap + 1)-th largest count

            long moved = 0;
            foreach (var category in _counts.Keys)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, category);
                if (slot <= d)
                {
                    moved += slot;
                    _counts.Remove(category); // removal does not invalidate the enumeration
                }
                else
                {
                    slot -= d;
                    moved += d;
                }
            }

            _otherCount += moved;
            _maximumUnderestimate += d;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(values);
        }
    }

    private static bool IsWellFormed(string category)
    {
        var span = category.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return true;
        }

        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return false;
            }
        }

        return true;
    }
}
