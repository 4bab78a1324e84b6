namespace OrleansEval.Grains.WorstSlices;

/// <summary>
/// A list that grows by fixed chunks small enough to stay out of the large object heap, so that filling a million
/// rows never copies what it holds nor makes the collector sweep the whole heap; <see cref="ToArray"/> makes the one
/// large array at the end.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ChunkedBuffer<T>
{
    /// <summary>Elements per chunk: 64 kB of ints, under the 85,000-byte large-object threshold.</summary>
    private const int ChunkLength = 16_384;

    private readonly List<T[]> _chunks = [];

    /// <summary>Elements added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="value"/> at the end.</summary>
    public void Add(T value)
    {
        var offset = Count % ChunkLength;
        if (offset == 0)
        {
            _chunks.Add(new T[ChunkLength]);
        }

        _chunks[^1][offset] = value;
        Count++;
    }

    /// <summary>Adds <paramref name="values"/> at the end, in order.</summary>
    public void AddRange(ReadOnlySpan<T> values)
    {
        while (!values.IsEmpty)
        {
            var offset = Count % ChunkLength;
            if (offset == 0)
            {
                _chunks.Add(new T[ChunkLength]);
            }

            var taken = Math.Min(values.Length, ChunkLength - offset);
            values[..taken].CopyTo(_chunks[^1].AsSpan(offset));
            values = values[taken..];
            Count += taken;
        }
    }

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => _chunks[index / ChunkLength][index % ChunkLength];

    /// <summary>Adds <paramref name="value"/> until the buffer holds <paramref name="count"/> elements.</summary>
    public void FillTo(int count, T value)
    {
        while (Count < count)
        {
            Add(value);
        }
    }

    /// <summary>Every element, in order, in one array.</summary>
    public T[] ToArray()
    {
        var all = new T[Count];
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            var start = chunk * ChunkLength;
            _chunks[chunk].AsSpan(0, Math.Min(ChunkLength, Count - start)).CopyTo(all.AsSpan(start));
        }

        return all;
    }
}
