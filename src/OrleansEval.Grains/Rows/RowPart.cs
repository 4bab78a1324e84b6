using Parquet;
using Parquet.Schema;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// One stored part of a series' rows read back column by column. Columns a part lacks (a feature added to the model
/// after it was written, a tag none of its rows carried) read as missing.
/// </summary>
internal sealed class RowPart
{
    private readonly Dictionary<string, double[]> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?[]> _texts = new(StringComparer.Ordinal);

    private RowPart(int count) => Count = count;

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Each row's prediction id.</summary>
    public string[] PredictionIds { get; private set; } = [];

    /// <summary>Each row's event time.</summary>
    public DateTimeOffset[] Timestamps { get; private set; } = [];

    /// <summary>When each row's batch arrived.</summary>
    public DateTimeOffset[] Arrived { get; private set; } = [];

    /// <summary>Each row's model revision.</summary>
    public long[] Revisions { get; private set; } = [];

    /// <summary>Each row's number in its day.</summary>
    public long[] Rows { get; private set; } = [];

    /// <summary>Each row's reservoir slot.</summary>
    public long[] Slots { get; private set; } = [];

    /// <summary>The names of the tag columns the part has.</summary>
    public IEnumerable<string> TagNames =>
        _texts.Keys.Where(k => k.StartsWith(RowSchema.TagPrefix, StringComparison.Ordinal)).Select(k => k[RowSchema.TagPrefix.Length..]);

    /// <summary>The numbers of column <paramref name="name"/> (NaN for missing), or null when the part lacks it.</summary>
    public double[]? Numbers(string name) => _numbers.GetValueOrDefault(name);

    /// <summary>The strings of column <paramref name="name"/> (null for missing), or null when the part lacks it.</summary>
    public string?[]? Texts(string name) => _texts.GetValueOrDefault(name);

    /// <summary>Reads every column of a part.</summary>
    public static async Task<RowPart> ReadAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        using var group = reader.OpenRowGroupReader(0);
        var part = new RowPart(checked((int)group.RowCount));
        foreach (var field in reader.Schema.DataFields)
        {
            await part.ReadColumnAsync(group, field, cancellationToken);
        }

        return part;
    }

    /// <summary>
    /// The event times of a part's newest and oldest rows: from its footer (<see cref="RowPartWriter"/> puts them
    /// there), or, for a part written before they were, from its timestamp column.
    /// </summary>
    public static async Task<(DateTimeOffset Newest, DateTimeOffset Oldest)> SpanAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        if (RowPartSpan.TryRead(reader.CustomMetadata, out var newest, out var oldest))
        {
            return (newest, oldest);
        }

        using var group = reader.OpenRowGroupReader(0);
        var field = reader.Schema.DataFields.First(f => f.Name == RowSchema.Timestamp);
        var times = await TimesAsync(group, field, checked((int)group.RowCount), cancellationToken);
        return times.Length == 0 ? (DateTimeOffset.MinValue, DateTimeOffset.MinValue) : (times.Max(), times.Min());
    }

    /// <summary>Reads only the row numbers and slots of a part, which decide the rows of a sampled day.</summary>
    public static async Task<(long[] Rows, long[] Slots)> ReadSlotsAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        using var group = reader.OpenRowGroupReader(0);
        var count = checked((int)group.RowCount);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return (await LongsAsync(group, fields[RowSchema.Row], count, cancellationToken), await LongsAsync(group, fields[RowSchema.Slot], count, cancellationToken));
    }

    private async Task ReadColumnAsync(ParquetRowGroupReader group, DataField field, CancellationToken cancellationToken)
    {
        switch (field.Name)
        {
            case RowSchema.PredictionId:
                PredictionIds = (await TextsAsync(group, field, Count, cancellationToken))!;
                break;
            case RowSchema.Timestamp:
                Timestamps = await TimesAsync(group, field, Count, cancellationToken);
                break;
            case RowSchema.Arrived:
                Arrived = await TimesAsync(group, field, Count, cancellationToken);
                break;
            case RowSchema.Revision:
                Revisions = await LongsAsync(group, field, Count, cancellationToken);
                break;
            case RowSchema.Row:
                Rows = await LongsAsync(group, field, Count, cancellationToken);
                break;
            case RowSchema.Slot:
                Slots = await LongsAsync(group, field, Count, cancellationToken);
                break;
            default:
                if (field.ClrType == typeof(double))
                {
                    _numbers[field.Name] = await NumbersAsync(group, field, Count, cancellationToken);
                }
                else
                {
                    _texts[field.Name] = await TextsAsync(group, field, Count, cancellationToken);
                }

                break;
        }
    }

    /// <summary>Reads a string column.</summary>
    public static async Task<string?[]> TextsAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    /// <summary>Reads a UTC timestamp column.</summary>
    public static async Task<DateTimeOffset[]> TimesAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new DateTime[count];
        await group.ReadAsync<DateTime>(field, values.AsMemory(), cancellationToken: cancellationToken);
        var times = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = new DateTimeOffset(values[i].Ticks, TimeSpan.Zero);
        }

        return times;
    }

    /// <summary>Reads a nullable double column, with NaN for null.</summary>
    public static async Task<double[]> NumbersAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new double?[count];
        await group.ReadAsync<double>(field, values.AsMemory(), cancellationToken: cancellationToken);
        var numbers = new double[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = values[i] ?? double.NaN;
        }

        return numbers;
    }

    private static async Task<long[]> LongsAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new long[count];
        await group.ReadAsync<long>(field, values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }
}
