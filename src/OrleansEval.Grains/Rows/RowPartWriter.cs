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
/// holds, for ids, categories and tags of a few dozen bytes (a column of 2,048 distinct values longer than about 38 bytes
/// each is a large object still) (a part of 30,000 rows in one group made column arrays of 240–480 kB, each a large object that died at once).
/// </summary>
internal static class RowPartWriter
{
    /// <summary>The most rows a row group holds: a nullable double column of this many rows is 32 KiB.</summary>
    public const int RowGroupRows = PendingRows.ChunkRows;

    /// <summary>Writes the Parquet part of <paramref name="pending"/>, newest first, to <paramref name="destination"/>.</summary>
    public static async Task WriteAsync(PendingRows pending, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var batches = pending.Select(r => r.Batch).Distinct().ToList();
        var features = batches.SelectMany(b => b.Columns).Where(c => !c.StartsWith('@')).Distinct(StringComparer.Ordinal).ToList();
        var numeric = features.ToDictionary(f => f, f => batches.Any(b => b.Chunk(f) is { } chunk && !chunk.Numbers.IsDefaultOrEmpty), StringComparer.Ordinal);
        var tags = batches.SelectMany(b => b.Batch.Rows.Tags.Select(t => t.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var fields = new List<DataField>
        {
            RowSchema.RequiredText(RowSchema.PredictionId),
            RowSchema.Time(RowSchema.Timestamp),
            RowSchema.Time(RowSchema.Arrived),
            RowSchema.Int64(RowSchema.Revision),
            RowSchema.Int64(RowSchema.Row),
            RowSchema.Int64(RowSchema.Slot),
        };
        fields.AddRange(features.Select(f => numeric[f] ? RowSchema.Number(RowSchema.Feature(f)) : RowSchema.Text(RowSchema.Feature(f))));
        fields.AddRange(tags.Select(t => RowSchema.Text(RowSchema.Tag(t))));
        fields.Add(RowSchema.Text(RowSchema.PredictionLabel));
        fields.Add(RowSchema.Number(RowSchema.PredictionScore));
        fields.Add(RowSchema.Number(RowSchema.PredictionValue));
        fields.Add(RowSchema.Text(RowSchema.ActualLabel));
        fields.Add(RowSchema.Number(RowSchema.ActualValue));

        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), destination, cancellationToken: cancellationToken);
        DateTimeOffset? newest = null;
        var oldest = DateTimeOffset.MinValue;
        foreach (var run in pending.InOrder(NewestFirst.Instance))
        {
            newest ??= Time(run.Span[0]);
            oldest = Time(run.Span[^1]);
            await WriteGroupAsync(writer, fields, features, numeric, tags, run, cancellationToken);
        }

        if (newest is { } first)
        {
            writer.CustomMetadata = RowPartSpan.Metadata(first, oldest);
        }
    }

    /// <summary>The bytes of the part <see cref="WriteAsync(PendingRows, Stream, CancellationToken)"/> writes.</summary>
    public static async Task<byte[]> ToBytesAsync(PendingRows pending, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await WriteAsync(pending, stream, cancellationToken);
        return stream.ToArray();
    }

    private static async Task WriteGroupAsync(
        ParquetWriter writer,
        List<DataField> fields,
        List<string> features,
        Dictionary<string, bool> numeric,
        List<string> tags,
        ReadOnlyMemory<PendingRow> run,
        CancellationToken cancellationToken)
    {
        var rows = MemoryMarshal.ToEnumerable(run);
        using var group = writer.CreateRowGroup();
        var next = 0;
        await group.WriteAsync(fields[next++], rows.Select(r => r.Batch.Batch.Rows.PredictionIds[r.Index]).ToList());
        await WriteTimesAsync(group, fields[next++], rows.Select(r => r.Batch.Timestamps[r.Index]), cancellationToken);
        await WriteTimesAsync(group, fields[next++], rows.Select(r => r.Batch.Arrived), cancellationToken);
        await WriteLongsAsync(group, fields[next++], rows.Select(r => r.Batch.Batch.Revision), cancellationToken);
        await WriteLongsAsync(group, fields[next++], rows.Select(r => r.Row), cancellationToken);
        await WriteLongsAsync(group, fields[next++], rows.Select(r => r.Slot), cancellationToken);
        foreach (var feature in features)
        {
            await (numeric[feature]
                ? WriteNumbersAsync(group, fields[next++], rows.Select(r => r.Batch.Number(feature, r.Index)), cancellationToken)
                : group.WriteAsync(fields[next++], rows.Select(r => r.Batch.Category(feature, r.Index)).ToList()));
        }

        foreach (var tag in tags)
        {
            await group.WriteAsync(fields[next++], rows.Select(r => TagOf(r, tag)).ToList());
        }

        await group.WriteAsync(fields[next++], rows.Select(r => r.Batch.Category(ColumnNames.PredictionLabel, r.Index)).ToList());
        await WriteNumbersAsync(group, fields[next++], rows.Select(r => r.Batch.Number(ColumnNames.PredictionScore, r.Index)), cancellationToken);
        await WriteNumbersAsync(group, fields[next++], rows.Select(r => r.Batch.Number(ColumnNames.PredictionValue, r.Index)), cancellationToken);
        await group.WriteAsync(fields[next++], rows.Select(r => r.Batch.Category(ColumnNames.ActualLabel, r.Index)).ToList());
        await WriteNumbersAsync(group, fields[next], rows.Select(r => r.Batch.Number(ColumnNames.ActualValue, r.Index)), cancellationToken);
    }

    /// <summary>Writes <paramref name="values"/> as UTC timestamps.</summary>
    public static Task WriteTimesAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<DateTimeOffset> values, CancellationToken cancellationToken) =>
        group.WriteAsync<DateTime>(field, values.Select(v => v.UtcDateTime).ToArray(), cancellationToken: cancellationToken);

    /// <summary>Writes <paramref name="values"/> with NaN as null.</summary>
    public static Task WriteNumbersAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<double> values, CancellationToken cancellationToken) =>
        group.WriteAsync<double>(field, values.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray(), cancellationToken: cancellationToken);

    private static Task WriteLongsAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<long> values, CancellationToken cancellationToken) =>
        group.WriteAsync<long>(field, values.ToArray(), cancellationToken: cancellationToken);

    private static DateTimeOffset Time(PendingRow row) => row.Batch.Timestamps[row.Index];

    private static string? TagOf(PendingRow row, string tag)
    {
        foreach (var column in row.Batch.Batch.Rows.Tags)
        {
            if (column.Name == tag)
            {
                return column[row.Index];
            }
        }

        return null;
    }

    // Newest first; among equal event times, prediction ids in ordinal order, then rows in the order they were kept
    // (their number in the day), which is the order a stable sort of the pending rows gave.
    private sealed class NewestFirst : IComparer<PendingRow>
    {
        public static NewestFirst Instance { get; } = new();

        public int Compare(PendingRow x, PendingRow y)
        {
            var byTime = Time(y).CompareTo(Time(x));
            if (byTime != 0)
            {
                return byTime;
            }

            var byId = string.CompareOrdinal(x.Batch.Batch.Rows.PredictionIds[x.Index], y.Batch.Batch.Rows.PredictionIds[y.Index]);
            return byId != 0 ? byId : x.Row.CompareTo(y.Row);
        }
    }
}
