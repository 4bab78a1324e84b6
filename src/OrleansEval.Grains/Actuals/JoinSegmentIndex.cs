namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Which sealed segments of a join shard hold each 32-bit prediction-id hash (<see cref="JoinSegmentFilter.HashOf"/>),
/// for the whole window at once, so that finding an id's segments costs the same however many segments the window
/// holds. An open-addressing table (linear probing, backward-shift deletion, at most three quarters full) maps a hash
/// to the one segment holding it; a hash that several segments hold (an id sent again, or scored by versions whose rows
/// fell in different segments, or two ids whose hashes collide) is marked so and its segments listed beside the table.
/// A slot costs 8 bytes, so a distinct hash costs 10.7 to 21.3 bytes (the table is 3/8 to 3/4 full between doublings).
/// A segment enters when it is sealed and leaves when it expires, with the hashes of its filter.
/// </summary>
internal sealed class JoinSegmentIndex
{
    private const int Empty = -1;
    private const int Several = -2;
    private const int MinimumCapacity = 1024;

    // Hashes of several segments: their segments, newest (highest number) first.
    private readonly Dictionary<uint, List<int>> _several = [];
    private uint[] _hashes = [];
    private int[] _segments = [];
    private int _shift;

    public JoinSegmentIndex() => Resize(MinimumCapacity);

    /// <summary>Distinct hashes indexed.</summary>
    public int Count { get; private set; }

    /// <summary>The memory the index takes: the table's slots, and the lists of hashes that several segments hold.</summary>
    public long Bytes => (_hashes.Length * (long)(sizeof(uint) + sizeof(int))) + _several.Sum(s => 64L + (sizeof(int) * s.Value.Capacity));

    /// <summary>Indexes the ids of a sealed segment.</summary>
    public void Add(JoinSegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        foreach (var hash in Distinct(filter.Hashes))
        {
            Add(hash, filter.Number);
        }
    }

    /// <summary>Forgets the ids of a segment that expired.</summary>
    public void Remove(JoinSegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        foreach (var hash in Distinct(filter.Hashes))
        {
            Remove(hash, filter.Number);
        }

        if (Count < _hashes.Length / 8 && _hashes.Length > MinimumCapacity)
        {
            Resize(_hashes.Length / 2);
        }
    }

    /// <summary>Adds to <paramref name="segments"/> the numbers of the sealed segments that may hold an id of <paramref name="hash"/>, newest first.</summary>
    public void SegmentsOf(uint hash, List<int> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var slot = Find(hash);
        if (slot < 0)
        {
            return;
        }

        if (_segments[slot] == Several)
        {
            segments.AddRange(_several[hash]);
        }
        else
        {
            segments.Add(_segments[slot]);
        }
    }

    // A filter's hashes are sorted, and an id with rows of several series in one segment has its hash there each time.
    private static IEnumerable<uint> Distinct(uint[] sorted)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                yield return sorted[i];
            }
        }
    }

    private void Add(uint hash, int segment)
    {
        var slot = Home(hash);
        while (_segments[slot] != Empty)
        {
            if (_hashes[slot] == hash)
            {
                AddSeveral(slot, hash, segment);
                return;
            }

            slot = Next(slot);
        }

        _hashes[slot] = hash;
        _segments[slot] = segment;
        if (++Count > _hashes.Length / 4 * 3)
        {
            Resize(_hashes.Length * 2);
        }
    }

    private void AddSeveral(int slot, uint hash, int segment)
    {
        if (_segments[slot] == segment)
        {
            return;
        }

        if (_segments[slot] != Several)
        {
            _several[hash] = [_segments[slot]];
            _segments[slot] = Several;
        }

        var list = _several[hash];
        if (!list.Contains(segment))
        {
            var at = list.FindIndex(s => s < segment);
            list.Insert(at < 0 ? list.Count : at, segment);
        }
    }

    private void Remove(uint hash, int segment)
    {
        var slot = Find(hash);
        if (slot < 0)
        {
            return;
        }

        if (_segments[slot] == Several)
        {
            var list = _several[hash];
            list.Remove(segment);
            if (list.Count == 1)
            {
                _segments[slot] = list[0];
                _several.Remove(hash);
            }

            return;
        }

        if (_segments[slot] == segment)
        {
            Delete(slot);
        }
    }

    // Backward-shift deletion: every entry after the hole that may move into it does, so no probe sequence is broken
    // and no tombstones accumulate.
    private void Delete(int hole)
    {
        var next = hole;
        while (true)
        {
            next = Next(next);
            if (_segments[next] == Empty)
            {
                break;
            }

            var home = Home(_hashes[next]);
            var staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!staysPut)
            {
                _hashes[hole] = _hashes[next];
                _segments[hole] = _segments[next];
                hole = next;
            }
        }

        _segments[hole] = Empty;
        Count--;
    }

    private int Find(uint hash)
    {
        for (var slot = Home(hash); _segments[slot] != Empty; slot = Next(slot))
        {
            if (_hashes[slot] == hash)
            {
                return slot;
            }
        }

        return -1;
    }

    // Fibonacci hashing: the top bits of the product, so that every bit of the id's hash takes part.
    private int Home(uint hash) => (int)(unchecked(hash * 2_654_435_769u) >> _shift);

    private int Next(int slot) => (slot + 1) & (_hashes.Length - 1);

    private void Resize(int capacity)
    {
        var (hashes, segments) = (_hashes, _segments);
        _hashes = new uint[capacity];
        _segments = new int[capacity];
        Array.Fill(_segments, Empty);
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
        Count = 0;
        for (var slot = 0; slot < hashes.Length; slot++)
        {
            if (segments[slot] != Empty)
            {
                Place(hashes[slot], segments[slot]);
            }
        }
    }

    private void Place(uint hash, int segment)
    {
        var slot = Home(hash);
        while (_segments[slot] != Empty)
        {
            slot = Next(slot);
        }

        _hashes[slot] = hash;
        _segments[slot] = segment;
        Count++;
    }
}
