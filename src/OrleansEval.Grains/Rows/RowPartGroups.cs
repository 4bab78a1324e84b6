using Parquet;
using Parquet.Schema;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Every row group of a stored part, read as one: a column of the part is its column in each group, in group order.
/// Parts are written in row groups of at most <see cref="RowPartWriter.RowGroupRows"/> rows; parts written before that
/// hold one group, and read the same way.
/// </summary>
internal sealed class RowPartGroups : IDisposable
{
    private readonly List<ParquetRowGroupReader> _groups;

    private RowPartGroups(List<ParquetRowGroupReader> groups)
    {
        _groups = groups;
        Count = checked((int)groups.Sum(g => g.RowCount));
    }

    /// <summary>Rows in all groups.</summary>
    public int Count { get; }

    /// <summary>Opens every row group of <paramref name="reader"/>.</summary>
    public static RowPartGroups Open(ParquetReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var groups = new List<ParquetRowGroupReader>(reader.RowGroupCount);
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            groups.Add(reader.OpenRowGroupReader(i));
        }

        return new RowPartGroups(groups);
    }

    /// <summary>Reads a string column.</summary>
    public async Task<string?[]> TextsAsync(DataField field, CancellationToken cancellationToken)
    {
        var values = new string?[Count];
        var start = 0;
        foreach (var group in _groups)
        {
            var rows = (int)group.RowCount;
            await group.ReadAsync(field, values.AsMemory(start, rows), cancellationToken: cancellationToken);
            start += rows;
        }

        return values;
    }

    /// <summary>Reads a UTC timestamp column.</summary>
    public async Task<DateTimeOffset[]> TimesAsync(DataField field, CancellationToken cancellationToken)
    {
        var values = await ValuesAsync<DateTime>(field, cancellationToken);
        var times = new DateTimeOffset[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            times[i] = new DateTimeOffset(values[i].Ticks, TimeSpan.Zero);
        }

        return times;
    }

    /// <summary>Reads a nullable double column, with NaN for null.</summary>
    public async Task<double[]> NumbersAsync(DataField field, CancellationToken cancellationToken)
    {
        var values = new double?[Count];
        var start = 0;
        foreach (var group in _groups)
        {
            var rows = (int)group.RowCount;
            await group.ReadAsync<double>(field, values.AsMemory(start, rows), cancellationToken: cancellationToken);
            start += rows;
        }

        var numbers = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            numbers[i] = values[i] ?? double.NaN;
        }

        return numbers;
    }

    /// <summary>Reads a required 64-bit integer column.</summary>
    public Task<long[]> LongsAsync(DataField field, CancellationToken cancellationToken) => ValuesAsync<long>(field, cancellationToken);

    public void Dispose()
    {
        foreach (var group in _groups)
        {
            group.Dispose();
        }
    }

    private async Task<T[]> ValuesAsync<T>(DataField field, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[Count];
        var start = 0;
        foreach (var group in _groups)
        {
            var rows = (int)group.RowCount;
            await group.ReadAsync<T>(field, values.AsMemory(start, rows), cancellationToken: cancellationToken);
            start += rows;
        }

        return values;
    }
}
