using System.Runtime.InteropServices;
using OrleansEval.Keys;
using Parquet;
using Parquet.Schema;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Writes a day's pending rows of one series as one Parquet part: identity and bookkeeping columns, a column per feature
/// and tag the rows carry, then the prediction and the actual each record was sent with. Rows are written newest first
/// (prediction id, then the row's number in its day, breaks a tie), and the footer records the part's span of event
/// times (<see cref="RowPartSpan"/>), so a reader answering newest first opens a part only when its rows are due. The
/// rows go in row groups of at most <see cref="RowGroupRows"/>, so that every column's buffer — the values handed to the
/// Parquet writer, and the writer's own encoded page — stays below the large-object threshold however many rows a part
/// holds, for ids, categories and tags of a few dozen bytes (a part of 30,000 rows in one group made column arrays of
/// 240–480 kB, each a large object that died at once); a column of 2,048 distinct values longer than about 38 bytes each
/// is a large object still.
/// </summary>
internal static class RowPartWriter
{
    /// <summary>The most rows a row group holds: a nullable double column of this many rows is 32 KiB.</summary>
    public const int RowGroupRows = PendingRows.ChunkRows;

    /// <summary>Writes the Parquet part of <paramref name="pending"/>, newest first, to <paramref name="destination"/>.</summary>
    public static async Task WriteAsync(PendingRows pending, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var features = pending.Columns.Where(c => !c.StartsWith('@')).ToList();
        var tags = pending.Tags;

        var fields = new List<DataField>
        {
            RowSchema.RequiredText(RowSchema.PredictionId),
            RowSchema.Time(RowSchema.Timestamp),
            RowSchema.Time(RowSchema.Arrived),
            RowSchema.Int64(RowSchema.Revision),
            RowSchema.Int64(RowSchema.Row),
            RowSchema.Int64(RowSchema.Slot),
        };
        fields.AddRange(features.Select(f => pending.IsNumeric(f) ? RowSchema.Number(RowSchema.Feature(f)) : RowSchema.Text(RowSchema.Feature(f))));
        fields.AddRange(tags.Select(t => RowSchema.Text(RowSchema.Tag(t))));
        fields.Add(RowSchema.Text(RowSchema.PredictionLabel));
        fields.Add(RowSchema.Number(RowSchema.PredictionScore));
        fields.Add(RowSchema.Number(RowSchema.PredictionValue));
        fields.Add(RowSchema.Text(RowSchema.ActualLabel));
        fields.Add(RowSchema.Number(RowSchema.ActualValue));

        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), destination, cancellationToken: cancellationToken);
        DateTimeOffset? newest = null;
        var oldest = DateTimeOffset.MinValue;
        foreach (var run in pending.NewestFirst())
        {
            newest ??= pending.Time(run.Span[0]);
            oldest = pending.Time(run.Span[^1]);
            await WriteGroupAsync(writer, fields, pending, features, tags, run, cancellationToken);
        }

        if (newest is { } first)
        {
            writer.CustomMetadata = RowPartSpan.Metadata(first, oldest);
        }
    }

    /// <summary>
    /// Encodes the part of <paramref name="pending"/> into pooled blocks and sends it to <paramref name="store"/> as
    /// blob <paramref name="name"/> with its span of event times, as a stream: the part is never one contiguous buffer.
    /// </summary>
    public static async Task SendAsync(IRowBlobStore store, string name, PendingRows pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pending);
        await using var part = RowPartBuffers.Rent();
        await WriteAsync(pending, part, cancellationToken);
        part.Position = 0;
        await store.PutAsync(name, part, new RowPartTimes(pending.Newest, pending.Oldest), cancellationToken);
    }

    /// <summary>The bytes of the part <see cref="WriteAsync(PendingRows, Stream, CancellationToken)"/> writes.</summary>
    public static async Task<byte[]> ToBytesAsync(PendingRows pending, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await WriteAsync(pending, stream, cancellationToken);
        return stream.ToArray();
    }

    // Each column is looked up once a group and its values read straight into the array handed to the writer: the part
    // costs a dictionary lookup a column, not one a value.
    private static async Task WriteGroupAsync(
        ParquetWriter writer,
        List<DataField> fields,
        PendingRows pending,
        List<string> features,
        List<string> tags,
        ReadOnlyMemory<int> run,
        CancellationToken cancellationToken)
    {
        var rows = MemoryMarshal.ToEnumerable(run);
        using var group = writer.CreateRowGroup();
        var next = 0;
        await group.WriteAsync(fields[next++], rows.Select(pending.PredictionId).ToList());
        await WriteTimesAsync(group, fields[next++], rows.Select(pending.Time), cancellationToken);
        await WriteTimesAsync(group, fields[next++], rows.Select(pending.Arrived), cancellationToken);
        await WriteLongsAsync(group, fields[next++], rows.Select(pending.Revision), cancellationToken);
        await WriteLongsAsync(group, fields[next++], rows.Select(pending.Number), cancellationToken);
        await WriteLongsAsync(group, fields[next++], rows.Select(pending.Slot), cancellationToken);
        foreach (var feature in features)
        {
            var values = pending.ValuesOf(feature);
            await (pending.IsNumeric(feature)
                ? WriteNumbersAsync(group, fields[next++], values, run, cancellationToken)
                : group.WriteAsync(fields[next++], Categories(values, run.Span)));
        }

        foreach (var tag in tags)
        {
            await group.WriteAsync(fields[next++], Categories(pending.TagValuesOf(tag), run.Span));
        }

        await group.WriteAsync(fields[next++], Categories(pending.ValuesOf(ColumnNames.PredictionLabel), run.Span));
        await WriteNumbersAsync(group, fields[next++], pending.ValuesOf(ColumnNames.PredictionScore), run, cancellationToken);
        await WriteNumbersAsync(group, fields[next++], pending.ValuesOf(ColumnNames.PredictionValue), run, cancellationToken);
        await group.WriteAsync(fields[next++], Categories(pending.ValuesOf(ColumnNames.ActualLabel), run.Span));
        await WriteNumbersAsync(group, fields[next], pending.ValuesOf(ColumnNames.ActualValue), run, cancellationToken);
    }

    // A column's numbers of the run's rows, NaN (and a column no row has) as null.
    private static Task WriteNumbersAsync(ParquetRowGroupWriter group, DataField field, PendingRows.PendingColumn? values, ReadOnlyMemory<int> run, CancellationToken cancellationToken)
    {
        var rows = run.Span;
        var numbers = new double?[rows.Length];
        for (var i = 0; values is not null && i < rows.Length; i++)
        {
            var value = values.Number(rows[i]);
            numbers[i] = double.IsNaN(value) ? null : value;
        }

        return group.WriteAsync<double>(field, numbers, cancellationToken: cancellationToken);
    }

    // A column's categories of the run's rows, null where a row has none (all of them for a column no row has).
    private static string?[] Categories(PendingRows.PendingColumn? values, ReadOnlySpan<int> rows)
    {
        var categories = new string?[rows.Length];
        for (var i = 0; values is not null && i < rows.Length; i++)
        {
            categories[i] = values.Category(rows[i]);
        }

        return categories;
    }

    /// <summary>Writes <paramref name="values"/> as UTC timestamps.</summary>
    public static Task WriteTimesAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<DateTimeOffset> values, CancellationToken cancellationToken) =>
        group.WriteAsync<DateTime>(field, values.Select(v => v.UtcDateTime).ToArray(), cancellationToken: cancellationToken);

    /// <summary>Writes <paramref name="values"/> with NaN as null.</summary>
    public static Task WriteNumbersAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<double> values, CancellationToken cancellationToken) =>
        group.WriteAsync<double>(field, values.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray(), cancellationToken: cancellationToken);

    private static Task WriteLongsAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<long> values, CancellationToken cancellationToken) =>
        group.WriteAsync<long>(field, values.ToArray(), cancellationToken: cancellationToken);
}
