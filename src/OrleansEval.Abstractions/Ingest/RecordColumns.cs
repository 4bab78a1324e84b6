using System.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// The arrays behind a <see cref="RecordTable"/>, rented from the shared pools and grown by doubling: a slot per record
/// in each record column, <see cref="RecordTable.RangeFields"/> cell bounds and <see cref="RecordTable.OutcomeFields"/>
/// prediction and actual fields per record, and the cells of feature and tag values.
/// </summary>
internal sealed class RecordColumns
{
    public int[] Indexes = [];
    public string[] PredictionIds = [];
    public DateTimeOffset[] Timestamps = [];
    public string?[] Versions = [];
    public string?[] Environments = [];
    public byte[] Parts = [];
    public int[] Ranges = [];
    public FeatureValue[] Outcomes = [];
    public int[] CellNames = [];
    public FeatureValue[] CellValues = [];
    public string[] Names = [];

    /// <summary>Whether the arrays came from the shared pools, and go back to them on <see cref="Return"/>.</summary>
    public bool Pooled = true;

    /// <summary>Makes room for record <paramref name="row"/>.</summary>
    public void EnsureRecord(int row)
    {
        if (row < Indexes.Length)
        {
            return;
        }

        var size = Math.Max(16, Indexes.Length * 2);
        Grow(ref Indexes, size, row);
        Grow(ref PredictionIds, size, row);
        Grow(ref Timestamps, size, row);
        Grow(ref Versions, size, row);
        Grow(ref Environments, size, row);
        Grow(ref Parts, size, row);
        Grow(ref Ranges, size * RecordTable.RangeFields, row * RecordTable.RangeFields);
        Grow(ref Outcomes, size * RecordTable.OutcomeFields, row * RecordTable.OutcomeFields);
    }

    /// <summary>
    /// Columns of exactly <paramref name="records"/> records and <paramref name="cells"/> cells, allocated rather than
    /// rented, for a table read from its packed form: nothing gives such a table's arrays back, and the pools would round
    /// each up to a power of two.
    /// </summary>
    public static RecordColumns Exact(int records, int cells) => new()
    {
        Pooled = false,
        Indexes = GC.AllocateUninitializedArray<int>(records),
        PredictionIds = new string[records],
        Timestamps = GC.AllocateUninitializedArray<DateTimeOffset>(records),
        Versions = new string?[records],
        Environments = new string?[records],
        Parts = GC.AllocateUninitializedArray<byte>(records),
        Ranges = GC.AllocateUninitializedArray<int>(records * RecordTable.RangeFields),
        Outcomes = new FeatureValue[records * RecordTable.OutcomeFields],
        CellNames = GC.AllocateUninitializedArray<int>(cells),
        CellValues = new FeatureValue[cells],
    };

    /// <summary>Makes room for cell <paramref name="cell"/>.</summary>
    public void EnsureCell(int cell)
    {
        if (cell < CellNames.Length)
        {
            return;
        }

        var size = Math.Max(256, CellNames.Length * 2);
        Grow(ref CellNames, size, cell);
        Grow(ref CellValues, size, cell);
    }

    /// <summary>Makes room for name <paramref name="name"/>.</summary>
    public void EnsureName(int name)
    {
        if (name >= Names.Length)
        {
            Grow(ref Names, Math.Max(32, Names.Length * 2), name);
        }
    }

    /// <summary>Gives every array back to its pool, clearing those that hold references (nothing for exact columns).</summary>
    public void Return()
    {
        if (!Pooled)
        {
            return;
        }

        Give(ref Indexes, clear: false);
        Give(ref PredictionIds, clear: true);
        Give(ref Timestamps, clear: false);
        Give(ref Versions, clear: true);
        Give(ref Environments, clear: true);
        Give(ref Parts, clear: false);
        Give(ref Ranges, clear: false);
        Give(ref Outcomes, clear: true);
        Give(ref CellNames, clear: false);
        Give(ref CellValues, clear: true);
        Give(ref Names, clear: true);
    }

    private static void Grow<T>(ref T[] array, int size, int used)
    {
        var larger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, Math.Min(used, array.Length)).CopyTo(larger);
        Give(ref array, clear: true);
        array = larger;
    }

    private static void Give<T>(ref T[] array, bool clear)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array, clear);
        }

        array = [];
    }
}
