namespace OrleansEval.Grains.Rows;

/// <summary>
/// Arrays of one length, lent and given back, keeping idle only as many as the recent flushes needed. A pool that keeps
/// every array given back up to a fixed count (4,096) holds the arrays of the busiest interval for the life of the
/// process — a series past its day's row cap needs a few chunks an interval where the first million rows of the day
/// needed a thousand — while a pool that keeps a handful allocates most of a busy interval's chunks anew, and those live
/// an interval, reach gen 2 and die there. So <see cref="Trim"/>, called when rows are written, keeps idle what the
/// largest of the last <see cref="Window"/> intervals had lent at once, less what is lent now, and lets the rest go.
/// </summary>
/// <remarks>Arrays are lent as they were given back, not cleared. Safe for grains on different threads.</remarks>
internal sealed class ChunkPool<T>
{
    /// <summary>Flushes whose peak the idle arrays are kept for.</summary>
    public const int Window = 4;

    private readonly Lock _gate = new();
    private readonly Stack<T[]> _idle = new();
    private readonly int[] _peaks = new int[Window];
    private int _nextPeak;
    private int _lent;
    private int _peak;

    /// <summary>A pool of arrays of <paramref name="length"/> elements.</summary>
    public ChunkPool(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
    }

    /// <summary>The length of every array of the pool.</summary>
    public int Length { get; }

    /// <summary>Arrays given back and kept for the next rent.</summary>
    public int Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Arrays lent and not given back.</summary>
    public int Lent
    {
        get
        {
            lock (_gate)
            {
                return _lent;
            }
        }
    }

    /// <summary>An idle array, or a new one when none is.</summary>
    public T[] Rent()
    {
        lock (_gate)
        {
            _lent++;
            _peak = Math.Max(_peak, _lent);
            if (_idle.TryPop(out var array))
            {
                return array;
            }
        }

        return new T[Length];
    }

    /// <summary>Gives back an array this pool lent.</summary>
    public void Return(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length != Length)
        {
            throw new ArgumentException($"an array of {array.Length} elements given back to a pool of {Length}", nameof(array));
        }

        lock (_gate)
        {
            _lent--;
            _idle.Push(array);
        }
    }

    /// <summary>
    /// Ends an interval: records the most arrays lent at once since the last trim, and keeps idle at most the largest of
    /// the last <see cref="Window"/> such peaks less what is lent now. Answers how many idle arrays were let go.
    /// </summary>
    public int Trim()
    {
        lock (_gate)
        {
            _peaks[_nextPeak] = _peak;
            _nextPeak = (_nextPeak + 1) % Window;
            _peak = _lent;
            var keep = Math.Max(0, _peaks.Max() - _lent);
            var dropped = 0;
            while (_idle.Count > keep)
            {
                _idle.Pop();
                dropped++;
            }

            return dropped;
        }
    }
}
