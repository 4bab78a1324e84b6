namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// The per-score part of a <see cref="CbpeState"/>: for each raw score (exact mode) or each dyadic cell of scores (coarse
/// mode), the number of predictions and the sum of their calibrated probabilities in fixed point, sorted by score.
/// </summary>
/// <remarks>
/// Exact mode keeps every distinct score while there are at most <see cref="Capacity"/> of them. Past that the scores are
/// bucketed on the dyadic grid of level j, cells [k·2^-j, (k + 1)·2^-j) with 1 in the last cell, where j is the finest
/// level (at most <see cref="MaxLevel"/>) that leaves at most <see cref="Capacity"/> occupied cells. Because occupancy
/// only grows with the data and only shrinks as the grid coarsens, that level is a function of the set of scores seen:
/// any order of adds and merges of the same predictions gives the same cells.
/// </remarks>
internal sealed class ScoreCells
{
    /// <summary>The level that stands for exact mode; larger than every grid level, so the coarser of two is the minimum.</summary>
    public const int Exact = int.MaxValue;

    /// <summary>The finest grid level, cells of width 2^-52.</summary>
    public const int MaxLevel = 52;

    private const int InitialCapacity = 16;

    private double[] _keys;
    private long[] _counts;
    private UInt128[] _masses;

    public ScoreCells(int capacity)
    {
        Capacity = capacity;
        var initial = Math.Min(InitialCapacity, capacity + 1);
        _keys = new double[initial];
        _counts = new long[initial];
        _masses = new UInt128[initial];
        Level = Exact;
    }

    /// <summary>Most distinct scores (exact mode) or occupied cells (coarse mode) kept.</summary>
    public int Capacity { get; }

    /// <summary><see cref="Exact"/>, or the grid level j of the cells.</summary>
    public int Level { get; private set; }

    public int Length { get; private set; }

    /// <summary>The distinct scores, or the lower edges of the occupied cells, ascending.</summary>
    public ReadOnlySpan<double> Keys => _keys.AsSpan(0, Length);

    public ReadOnlySpan<long> Counts => _counts.AsSpan(0, Length);

    public ReadOnlySpan<UInt128> Masses => _masses.AsSpan(0, Length);

    /// <summary>Adds one prediction; allocates only while the arrays grow toward <see cref="Capacity"/> + 1.</summary>
    public void Add(double score, ulong mass)
    {
        var key = Level == Exact ? score : CellKey(score, Level);
        var index = Array.BinarySearch(_keys, 0, Length, key);
        if (index >= 0)
        {
            _counts[index]++;
            _masses[index] += mass;
            return;
        }

        Insert(~index, key, 1, mass);
        if (Length > Capacity)
        {
            Coarsen(Math.Min(Level, MaxLevel));
        }
    }

    /// <summary>Adds the cells of <paramref name="other"/> (same capacity) at the coarser of the two levels.</summary>
    public void Merge(ScoreCells other)
    {
        var level = Math.Min(Level, other.Level);
        var size = Math.Max(Length + other.Length, Math.Min(InitialCapacity, Capacity + 1));
        var keys = new double[size];
        var counts = new long[size];
        var masses = new UInt128[size];
        var length = 0;
        int i = 0, j = 0;
        while (i < Length || j < other.Length)
        {
            var a = i < Length ? Rekey(_keys[i], level) : double.PositiveInfinity;
            var b = j < other.Length ? Rekey(other._keys[j], level) : double.PositiveInfinity;
            double key;
            long count;
            UInt128 mass;
            if (a <= b)
            {
                (key, count, mass) = (a, _counts[i], _masses[i]);
                i++;
            }
            else
            {
                (key, count, mass) = (b, other._counts[j], other._masses[j]);
                j++;
            }

            if (length > 0 && keys[length - 1] == key)
            {
                counts[length - 1] += count;
                masses[length - 1] += mass;
            }
            else
            {
                keys[length] = key;
                counts[length] = count;
                masses[length] = mass;
                length++;
            }
        }

        _keys = keys;
        _counts = counts;
        _masses = masses;
        Length = length;
        Level = level;
        if (Length > Capacity)
        {
            Coarsen(Math.Min(Level, MaxLevel));
        }
    }

    public ScoreCells Clone()
    {
        var copy = new ScoreCells(Capacity);
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Replaces the contents; used by deserialization after validation.</summary>
    public void Load(int level, double[] keys, long[] counts, UInt128[] masses)
    {
        Level = level;
        Length = keys.Length;
        var size = Math.Max(Length, Math.Min(InitialCapacity, Capacity + 1));
        _keys = new double[size];
        _counts = new long[size];
        _masses = new UInt128[size];
        keys.CopyTo(_keys, 0);
        counts.CopyTo(_counts, 0);
        masses.CopyTo(_masses, 0);
    }

    /// <summary>The lower edge of the level-<paramref name="level"/> cell holding <paramref name="score"/> in [0, 1].</summary>
    public static double CellKey(double score, int level)
    {
        var cells = 1L << level;
        var index = Math.Min((long)Math.Floor(Math.ScaleB(score, level)), cells - 1);
        return Math.ScaleB(index, -level);
    }

    private static double Rekey(double key, int level) => level == Exact ? key : CellKey(key, level);

    private void CopyFrom(ScoreCells other)
    {
        Level = other.Level;
        Length = other.Length;
        _keys = (double[])other._keys.Clone();
        _counts = (long[])other._counts.Clone();
        _masses = (UInt128[])other._masses.Clone();
    }

    private void Insert(int index, double key, long count, UInt128 mass)
    {
        if (Length == _keys.Length)
        {
            var size = Math.Min(Math.Max(2 * _keys.Length, InitialCapacity), Capacity + 1);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _counts, size);
            Array.Resize(ref _masses, size);
        }

        var tail = Length - index;
        Array.Copy(_keys, index, _keys, index + 1, tail);
        Array.Copy(_counts, index, _counts, index + 1, tail);
        Array.Copy(_masses, index, _masses, index + 1, tail);
        _keys[index] = key;
        _counts[index] = count;
        _masses[index] = mass;
        Length++;
    }

    /// <summary>
    /// Moves to the finest level at most <paramref name="finest"/> that leaves at most <see cref="Capacity"/> cells.
    /// </summary>
    private void Coarsen(int finest)
    {
        // Occupancy is non-decreasing in the level and is 1 at level 0: binary search for the largest feasible level.
        int low = 0, high = finest;
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (Occupancy(mid) <= Capacity)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var length = 0;
        for (var i = 0; i < Length; i++)
        {
            var key = CellKey(_keys[i], low);
            if (length > 0 && _keys[length - 1] == key)
            {
                _counts[length - 1] += _counts[i];
                _masses[length - 1] += _masses[i];
            }
            else
            {
                _keys[length] = key;
                _counts[length] = _counts[i];
                _masses[length] = _masses[i];
                length++;
            }
        }

        Length = length;
        Level = low;
    }

    private int Occupancy(int level)
    {
        var cells = 0;
        var previous = double.NaN;
        for (var i = 0; i < Length; i++)
        {
            var key = CellKey(_keys[i], level);
            if (key != previous)
            {
                cells++;
                previous = key;
            }
        }

        return cells;
    }
}
