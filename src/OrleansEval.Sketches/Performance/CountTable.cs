using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// Positive counts keyed by distinct values, in a hash table: counting or deleting one occurrence is O(1) and allocates
/// nothing unless the table grows. Ordered views (<see cref="ToSorted"/>) are built when queried or serialized, so the
/// order of insertion never shows.
/// </summary>
/// <typeparam name="TKey">A key whose equality agrees with its <see cref="IComparable{T}"/> order on the keys used.</typeparam>
internal sealed class CountTable<TKey>
    where TKey : struct, IComparable<TKey>
{
    private readonly Dictionary<TKey, long> _counts;
    private long _total;

    public CountTable(int capacity = 0) => _counts = new Dictionary<TKey, long>(capacity);

    /// <summary>Number of distinct keys.</summary>
    public int Size => _counts.Count;

    /// <summary>Sum of the counts.</summary>
    public long Total => _total;

    /// <summary>Adds <paramref name="count"/> (positive) to <paramref name="key"/>.</summary>
    public void Add(TKey key, long count)
    {
        var total = checked(_total + count);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
        slot += count; // cannot overflow: a count never exceeds the total
        _total = total;
    }

    /// <summary>Takes one occurrence of <paramref name="key"/>, dropping it at zero; false, and no change, when absent.</summary>
    public bool TryRemoveOne(TKey key)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            return false;
        }

        if (--slot == 0)
        {
            _counts.Remove(key);
        }

        _total--;
        return true;
    }

    public void Clear()
    {
        _counts.Clear();
        _total = 0;
    }

    public void CopyFrom(CountTable<TKey> other)
    {
        Clear();
        AddAll(other);
    }

    public void AddAll(CountTable<TKey> other)
    {
        var total = checked(_total + other._total);
        foreach (var (key, count) in other._counts)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
            slot += count;
        }

        _total = total;
    }

    /// <summary>Adds every entry of <paramref name="other"/> with its key replaced by <paramref name="map"/>(key).</summary>
    public void AddAllMapped(CountTable<TKey> other, Func<TKey, TKey> map)
    {
        var total = checked(_total + other._total);
        foreach (var (key, count) in other._counts)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, map(key), out _);
            slot += count;
        }

        _total = total;
    }

    /// <summary>Replaces every key by <paramref name="map"/>(key), adding up the counts of keys that become equal.</summary>
    public void MapKeys(Func<TKey, TKey> map)
    {
        var keys = new TKey[_counts.Count];
        var counts = new long[_counts.Count];
        _counts.Keys.CopyTo(keys, 0);
        _counts.Values.CopyTo(counts, 0);
        ReplaceWith(keys, counts, map);
    }

    /// <summary>Replaces the contents by the entries (<paramref name="map"/>(keys[i]), counts[i]).</summary>
    public void ReplaceWith(TKey[] keys, long[] counts, Func<TKey, TKey> map)
    {
        Clear();
        for (var i = 0; i < keys.Length; i++)
        {
            Add(map(keys[i]), counts[i]);
        }
    }

    /// <summary>The keys in ascending order and their counts (new arrays).</summary>
    public (TKey[] Keys, long[] Counts) ToSorted()
    {
        var keys = new TKey[_counts.Count];
        var counts = new long[_counts.Count];
        _counts.Keys.CopyTo(keys, 0);
        _counts.Values.CopyTo(counts, 0);
        Array.Sort(keys, counts);
        return (keys, counts);
    }

    /// <summary>The entries in no particular order, without allocating.</summary>
    public Dictionary<TKey, long>.Enumerator GetEnumerator() => _counts.GetEnumerator();
}
