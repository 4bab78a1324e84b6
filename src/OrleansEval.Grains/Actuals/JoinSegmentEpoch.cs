using System.Numerics;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// An immutable index of the 40-bit prediction-id keys (<see cref="JoinSegmentFilter.KeyOf"/>) of a run of consecutive
/// sealed segments of a join shard, naming for a key the segments of the run that hold it. The n distinct (key,
/// segment) pairs are sorted and stored in Elias–Fano form: the top k = ⌊log₂ n⌋ bits of a key choose a bucket, whose
/// size is written in unary in one bit vector (n + 2ᵏ bits, at most 2 a pair), and each pair keeps the other 40 − k bits
/// of its key, whole, beside the ordinal of its segment in the run (⌈log₂ segments⌉ bits), bit-packed. The start of
/// every 64th bucket is sampled, so a lookup skips at most 63 buckets by counting zeros a word at a time. A pair costs
/// 40 − log₂(rows a segment) + 2 bits and a little, about 3.8 bytes for segments of 4,096 rows; because the whole key
/// is kept, a lookup names exactly the segments holding the key, as the segments' filters would. A segment whose filter
/// has no checks (the layout before them) is indexed under its hashes with a check of 0 and named for any key of
/// those hashes. The bit vectors and
/// the samples lie in one block of memory outside the managed heap (<see cref="JoinIndexMemory"/>), given back when the
/// epoch is disposed: by <see cref="JoinSegmentEpochs"/> once it is merged into a larger one or expires.
/// </summary>
internal sealed class JoinSegmentEpoch : IDisposable
{
    /// <summary>The most pairs an epoch holds, so that every position in its bit vectors fits an int.</summary>
    public const int MaxPairs = 1 << 29;

    private const int SampleShift = 6;

    // A .NET array's header and length, and the objects' headers and fields (the epoch's and its memory's), on a 64-bit runtime.
    private const int ArrayOverhead = 24;
    private const int ObjectOverhead = 120;

    // The segments of the run, ascending; a pair names its segment by its index here.
    private readonly int[] _numbers;
    // By ordinal, whether the segment's filter had no checks; null when every one had.
    private readonly bool[]? _unchecked;
    private readonly int _lowBits;
    private readonly int _ordinalBits;
    // The bit vectors and the samples, each a part of _memory.
    private readonly JoinIndexMemory _memory;
    private readonly JoinIndexArray<ulong> _buckets;
    private readonly JoinIndexArray<ulong> _pairs;
    private readonly JoinIndexArray<int> _samples;

    private JoinSegmentEpoch(int[] numbers, ISet<int> uncheckedNumbers, int count, IEnumerable<UInt128> sortedPairs, DateTimeOffset firstArrival, DateTimeOffset lastArrival)
    {
        if (count > MaxPairs)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"an epoch holds at most {MaxPairs} pairs");
        }

        _numbers = numbers;
        _unchecked = uncheckedNumbers.Count == 0 ? null : [.. numbers.Select(uncheckedNumbers.Contains)];
        Count = count;
        FirstArrival = firstArrival;
        LastArrival = lastArrival;
        var bucketBits = count <= 1 ? 0 : BitOperations.Log2((uint)count);
        _lowBits = KeyBits - bucketBits;
        _ordinalBits = numbers.Length <= 1 ? 0 : BitOperations.Log2((uint)(numbers.Length - 1)) + 1;
        var buckets = 1 << bucketBits;
        var (bucketWords, pairWords) = ((count + (long)buckets + 63) / 64, (((long)count * PairBits) + 63) / 64);
        var samples = ((buckets - 1) >> SampleShift) + 1L;
        var pairsAt = JoinIndexArray<ulong>.BytesOf(bucketWords);
        var samplesAt = pairsAt + JoinIndexArray<ulong>.BytesOf(pairWords);
        _memory = JoinIndexMemory.Allocate(samplesAt + JoinIndexArray<int>.BytesOf(samples));
        _buckets = new JoinIndexArray<ulong>(_memory.Address, bucketWords);
        _pairs = new JoinIndexArray<ulong>(_memory.Address + (nint)pairsAt, pairWords);
        _samples = new JoinIndexArray<int>(_memory.Address + (nint)samplesAt, samples);
        try
        {
            Fill(sortedPairs, buckets);
        }
        catch
        {
            _memory.Dispose();
            throw;
        }
    }

    /// <summary>Distinct (key, segment) pairs indexed.</summary>
    public int Count { get; }

    /// <summary>Segments of the run.</summary>
    public int Segments => _numbers.Length;

    /// <summary>The earliest arrival in the run's oldest segment.</summary>
    public DateTimeOffset FirstArrival { get; }

    /// <summary>The latest arrival in the run's newest segment: once the join window has passed since it, every segment of the run has expired.</summary>
    public DateTimeOffset LastArrival { get; }

    /// <summary>The memory the epoch takes: its block outside the managed heap, and on the heap its segments' numbers and its objects.</summary>
    public long Bytes => _memory.Bytes + (4L * _numbers.Length) + ArrayOverhead + ObjectOverhead;

    /// <summary>The bytes of the epoch's block outside the managed heap, whole pages.</summary>
    public long NativeBytes => _memory.Bytes;

    /// <summary>Whether the epoch's memory has been given back; it is not read after.</summary>
    public bool Disposed => _memory.IsClosed;

    // The bits of a key: a 32-bit hash and its check.
    private const int KeyBits = 32 + JoinSegmentFilter.CheckBits;

    // The segments of the run whose filter had no checks.
    private IEnumerable<int> UncheckedNumbers => _unchecked is null ? [] : _numbers.Where((_, ordinal) => _unchecked[ordinal]);

    private int PairBits => _lowBits + _ordinalBits;

    /// <summary>The epoch of one sealed segment's filter.</summary>
    public static JoinSegmentEpoch Of(JoinSegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // Eight bytes a row, so that a segment of up to 10,000 rows builds no large object; a key held by several rows (an
        // id sent again) is one pair.
        var keys = new ulong[filter.Hashes.Length];
        for (var row = 0; row < keys.Length; row++)
        {
            keys[row] = ((ulong)filter.Hashes[row] << JoinSegmentFilter.CheckBits) | (filter.Checked ? filter.Checks[row] : 0UL);
        }

        Array.Sort(keys);
        var distinct = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (distinct == 0 || keys[distinct - 1] != keys[i])
            {
                keys[distinct++] = keys[i];
            }
        }

        HashSet<int> uncheckedNumbers = filter.Checked ? [] : [filter.Number];
        var pairs = keys.Take(distinct).Select(key => Pair(key, filter.Number));
        return new JoinSegmentEpoch([filter.Number], uncheckedNumbers, distinct, pairs, filter.FirstArrival, filter.LastArrival);
    }

    /// <summary>
    /// The epoch of two consecutive runs, <paramref name="older"/> then <paramref name="newer"/>, keeping only the
    /// segments <paramref name="keeps"/> (those not yet expired).
    /// </summary>
    public static JoinSegmentEpoch Merge(JoinSegmentEpoch older, JoinSegmentEpoch newer, Func<int, bool> keeps)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(keeps);
        int[] numbers = [.. older._numbers.Concat(newer._numbers).Where(keeps).Order()];

        // With every segment kept, the merged run holds each pair of both (no pair is in two runs: a pair names its
        // segment), so the pairs are read once, to be written, not once more to be counted first.
        var count = numbers.Length == older.Segments + newer.Segments ? older.Count + newer.Count : Merged(older, newer, numbers).Count();
        var (first, last) = (Min(older.FirstArrival, newer.FirstArrival), Max(older.LastArrival, newer.LastArrival));
        var uncheckedNumbers = older.UncheckedNumbers.Concat(newer.UncheckedNumbers).Where(keeps).ToHashSet();
        return new JoinSegmentEpoch(numbers, uncheckedNumbers, count, Merged(older, newer, numbers), first, last);
    }

    /// <summary>
    /// Adds to <paramref name="segments"/> the numbers of the segments of the run that hold an id of <paramref name="key"/>
    /// (<see cref="JoinSegmentFilter.KeyOf"/>): those whose filter holds the key, and those whose filter without checks
    /// holds its hash.
    /// </summary>
    public void SegmentsOf(ulong key, List<int> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (Count == 0)
        {
            return;
        }

        // A bucket holds every key of a hash (its low bits are more than a check's), sorted by hash, then check.
        var bucket = (int)(key >> _lowBits);
        var low = key & LowMask;
        var position = SkipBuckets(_samples[bucket >> SampleShift], bucket & ((1 << SampleShift) - 1));
        for (var pair = position - bucket; Bit(_buckets, position); position++, pair++)
        {
            var value = Read(pair);
            var found = value >> _ordinalBits;
            if (found >> JoinSegmentFilter.CheckBits > low >> JoinSegmentFilter.CheckBits)
            {
                break;
            }

            var ordinal = (int)(value & OrdinalMask);
            if (found == low || (found >> JoinSegmentFilter.CheckBits == low >> JoinSegmentFilter.CheckBits && _unchecked is not null && _unchecked[ordinal]))
            {
                segments.Add(_numbers[ordinal]);
            }
        }

        // The memory is read through pointers: the epoch, and so its memory's finalizer, must outlive the reads (its
        // holders keep it reachable too; this does not rest on them).
        GC.KeepAlive(this);
    }

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private ulong LowMask => (1UL << _lowBits) - 1;

    private ulong OrdinalMask => (1UL << _ordinalBits) - 1;

    // A key and a segment number as one sortable value: by key, then by segment.
    private static UInt128 Pair(ulong key, int number) => ((UInt128)key << 32) | (uint)number;

    private static int NumberOf(UInt128 pair) => (int)(uint)(pair & uint.MaxValue);

    private static bool Bit(JoinIndexArray<ulong> bits, int position) => ((bits[position >> 6] >> (position & 63)) & 1) != 0;

    // The pairs of both runs, sorted, without the segments not kept.
    private static IEnumerable<UInt128> Merged(JoinSegmentEpoch older, JoinSegmentEpoch newer, int[] numbers)
    {
        var kept = numbers.Length == older.Segments + newer.Segments ? null : numbers.ToHashSet();
        using var left = older.Pairs().Where(p => kept?.Contains(NumberOf(p)) ?? true).GetEnumerator();
        using var right = newer.Pairs().Where(p => kept?.Contains(NumberOf(p)) ?? true).GetEnumerator();
        var (hasLeft, hasRight) = (left.MoveNext(), right.MoveNext());
        while (hasLeft || hasRight)
        {
            if (hasLeft && (!hasRight || left.Current < right.Current))
            {
                yield return left.Current;
                hasLeft = left.MoveNext();
            }
            else
            {
                yield return right.Current;
                hasRight = right.MoveNext();
            }
        }
    }

    // Every pair, sorted, read back whole: a bucket's number is the top bits of its keys.
    private IEnumerable<UInt128> Pairs()
    {
        var (bucket, pair) = (0UL, 0);
        for (var position = 0; pair < Count; position++)
        {
            // Checked at every pair: the enumeration may outlive a call.
            ObjectDisposedException.ThrowIf(Disposed, this);
            if (!Bit(_buckets, position))
            {
                bucket++;
                continue;
            }

            var value = Read(pair++);
            var key = (bucket << _lowBits) | (value >> _ordinalBits);
            yield return Pair(key, _numbers[(int)(value & OrdinalMask)]);
        }
    }

    private void Fill(IEnumerable<UInt128> sortedPairs, int buckets)
    {
        var (bucket, position, pair) = (0, 0, 0);
        foreach (var value in sortedPairs)
        {
            var key = (ulong)(value >> 32);
            var top = (int)(key >> _lowBits);
            for (; bucket < top; bucket++)
            {
                position = CloseBucket(bucket, position);
            }

            _buckets[position >> 6] |= 1UL << (position & 63);
            position++;
            var ordinal = Array.BinarySearch(_numbers, NumberOf(value));
            Write(pair++, ((key & LowMask) << _ordinalBits) | (uint)ordinal);
        }

        for (; bucket < buckets; bucket++)
        {
            position = CloseBucket(bucket, position);
        }

        if (pair != Count)
        {
            throw new InvalidOperationException($"an epoch was built with {pair} pairs for {Count}");
        }

        GC.KeepAlive(this);
    }

    // Writes the zero that ends a bucket, and samples where the next one starts if it is a 64th.
    private int CloseBucket(int bucket, int position)
    {
        position++;
        var next = bucket + 1;
        if ((next & ((1 << SampleShift) - 1)) == 0 && (next >> SampleShift) < _samples.Length)
        {
            _samples[next >> SampleShift] = position;
        }

        return position;
    }

    // The position after the <paramref name="zeros"/>-th zero from <paramref name="position"/>: where that many buckets
    // later begins. Zeros are counted a word at a time.
    private int SkipBuckets(int position, int zeros)
    {
        while (zeros > 0)
        {
            var word = position >> 6;
            var free = ~_buckets[word] >> (position & 63);
            var available = BitOperations.PopCount(free);
            if (available < zeros)
            {
                zeros -= available;
                position = (word + 1) << 6;
                continue;
            }

            for (var skipped = 1; skipped < zeros; skipped++)
            {
                free &= free - 1;
            }

            return position + BitOperations.TrailingZeroCount(free) + 1;
        }

        return position;
    }

    private ulong Read(int index)
    {
        var bits = PairBits;
        var at = (long)index * bits;
        var (word, shift) = ((int)(at >> 6), (int)(at & 63));
        var value = _pairs[word] >> shift;
        if (shift + bits > 64)
        {
            value |= _pairs[word + 1] << (64 - shift);
        }

        return value & ((1UL << bits) - 1);
    }

    private void Write(int index, ulong value)
    {
        var bits = PairBits;
        var at = (long)index * bits;
        var (word, shift) = ((int)(at >> 6), (int)(at & 63));
        _pairs[word] |= value << shift;
        if (shift + bits > 64)
        {
            _pairs[word + 1] |= value >> (64 - shift);
        }
    }
}
