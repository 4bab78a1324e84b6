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
        using var groups = RowPartGroups.Open(reader);
        var part = new RowPart(groups.Count);
        foreach (var field in reader.Schema.DataFields)
        {
            await part.ReadColumnAsync(groups, field, cancellationToken);
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

        using var groups = RowPartGroups.Open(reader);
        var times = await groups.TimesAsync(reader.Schema.DataFields.First(f => f.Name == RowSchema.Timestamp), cancellationToken);
        return times.Length == 0 ? (DateTimeOffset.MinValue, DateTimeOffset.MinValue) : (times.Max(), times.Min());
    }

    /// <summary>Reads only the row numbers and slots of a part, which decide the rows of a sampled day.</summary>
    public static async Task<(long[] Rows, long[] Slots)> ReadSlotsAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        using var groups = RowPartGroups.Open(reader);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return (await groups.LongsAsync(fields[RowSchema.Row], cancellationToken), await groups.LongsAsync(fields[RowSchema.Slot], cancellationToken));
    }

    private async Task ReadColumnAsync(RowPartGroups groups, DataField field, CancellationToken cancellationToken)
    {
        switch (field.Name)
        {
            case RowSchema.PredictionId:
                PredictionIds = (await groups.TextsAsync(field, cancellationToken))!;
                break;
            case RowSchema.Timestamp:
                Timestamps = await groups.TimesAsync(field, cancellationToken);
                break;
            case RowSchema.Arrived:
                Arrived = await groups.TimesAsync(field, cancellationToken);
                break;
            case RowSchema.Revision:
                Revisions = await groups.LongsAsync(field, cancellationToken);
                break;
            case RowSchema.Row:
                Rows = await groups.LongsAsync(field, cancellationToken);
                break;
            case RowSchema.Slot:
                Slots = await groups.LongsAsync(field, cancellationToken);
                break;
            default:
                if (field.ClrType == typeof(double))
                {
                    _numbers[field.Name] = await groups.NumbersAsync(field, cancellationToken);
                }
                else
                {
                    _texts[field.Name] = await groups.TextsAsync(field, cancellationToken);
                }

                break;
        }
    }
}
