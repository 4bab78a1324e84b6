namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// The size, error sum, squared-error sum and largest error of each cell of a small table of predicate codes, filled in
/// one sweep of the rows. Rows are added in ascending order, so each cell's sums are the same row-order sums a
/// conjunction's rows give one by one.
/// </summary>
internal sealed class CellStats
{
    private readonly bool _binary;
    private readonly int[] _sizes;
    private readonly double[] _sums;
    private readonly double[] _squares;
    private readonly double[] _maxima;

    /// <summary>A table of <paramref name="cells"/> empty cells; 0/1 errors (<paramref name="binary"/>) keep only sizes and sums.</summary>
    public CellStats(int cells, bool binary)
    {
        _binary = binary;
        _sizes = new int[cells];
        _sums = new double[cells];
        _squares = binary ? [] : new double[cells];
        _maxima = binary ? [] : new double[cells];
    }

    /// <summary>The stats of the rows that fell in <paramref name="cell"/>.</summary>
    public SliceStats Of(int cell) => _binary
        ? new SliceStats(_sizes[cell], _sums[cell], _sums[cell], _sums[cell] > 0 ? 1 : 0)
        : new SliceStats(_sizes[cell], _sums[cell], _squares[cell], _maxima[cell]);

    /// <summary>Counts every row in cell first[row] · <paramref name="width"/> + second[row].</summary>
    public void AddPairs(ushort[] first, ushort[] second, int width, double[] errors)
    {
        // Codes are below their column's width, so a cell is below the table's length: no sum can wrap.
        unchecked
        {
            for (var row = 0; row < errors.Length; row++)
            {
                Add((first[row] * width) + second[row], errors[row]);
            }
        }
    }

    /// <summary>Counts a row with <paramref name="error"/> in <paramref name="cell"/>.</summary>
    public void Add(int cell, double error)
    {
        // A cell holds at most the table's rows, an int.
        unchecked
        {
            _sizes[cell]++;
        }

        _sums[cell] += error;
        if (!_binary)
        {
            _squares[cell] += error * error;
            _maxima[cell] = Math.Max(_maxima[cell], error);
        }
    }
}
