using System.Buffers;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Actuals;

/// <summary>
/// The packed layout a registration crosses to a join shard in (<see cref="PackedPredictionsCodec"/>), column by column:
/// a layout byte (1), the row count, the series, slice and label tables (strings as UTF-8 length and bytes), then the
/// prediction ids, each row's series number, its bucket start as the difference from the row before, its slice
/// count, the slice numbers, the scores, the predicted label's number (−1 for none), the predicted values, the actual
/// label's number (−2 for no actual, −1 for one without a label) and the actual values. Integers are written seven bits
/// a byte, signed ones zigzagged. Each column of numbers (scores, predicted and actual values) is a byte saying how,
/// then either every value as its eight little-endian bytes (0) or the byte count and the values as decimal integers
/// (1, <see cref="DecimalNumbers"/>: a score of six decimals takes three bytes); layout 1, still read, wrote every
/// column as eight bytes a value, without that byte. A shard's stored segments keep their own layout.
/// </summary>
public sealed partial class PendingPredictions
{
    /// <summary>The packed layout written today.</summary>
    internal const byte PackedLayout = 2;

    // The layout before columns of numbers could be decimal: eight bytes a value.
    private const byte EightByteLayout = 1;

    // How a column of numbers is written, in layout 2.
    private const byte EightByteColumn = 0;
    private const byte DecimalColumn = 1;

    /// <summary>Writes the rows in the packed layout.</summary>
    internal void WritePacked(PackedBuffer buffer)
    {
        buffer.WriteByte(PackedLayout);
        buffer.WriteVarUInt((uint)_count);
        buffer.WriteVarUInt((uint)_series.Count);
        foreach (var series in _series)
        {
            buffer.WriteString(series.Version);
            buffer.WriteString(series.Environment);
        }

        buffer.WriteVarUInt((uint)_slices.Count);
        foreach (var slice in _slices)
        {
            buffer.WriteString(slice.Family);
            buffer.WriteString(slice.Member);
        }

        buffer.WriteVarUInt((uint)_labels.Count);
        foreach (var label in _labels)
        {
            buffer.WriteString(label);
        }

        for (var row = 0; row < _count; row++)
        {
            buffer.WriteString(_ids[row]);
        }

        long bucket = 0;
        var sliceEnd = 0;
        for (var row = 0; row < _count; row++)
        {
            buffer.WriteVarInt(_seriesOf[row]);
            buffer.WriteVarInt(unchecked(_bucketStarts[row] - bucket));
            bucket = _bucketStarts[row];
            buffer.WriteVarUInt((uint)(_sliceEnds[row] - sliceEnd));
            sliceEnd = _sliceEnds[row];
        }

        for (var i = 0; i < sliceEnd; i++)
        {
            buffer.WriteVarInt(_sliceIds[i]);
        }

        WriteNumbers(buffer, _scores.AsSpan(0, _count));
        for (var row = 0; row < _count; row++)
        {
            buffer.WriteVarInt(_predicted[row]);
        }

        WriteNumbers(buffer, _predictedValues.AsSpan(0, _count));
        for (var row = 0; row < _count; row++)
        {
            buffer.WriteVarInt(_actualLabels[row]);
        }

        WriteNumbers(buffer, _actualValues.AsSpan(0, _count));
    }

    /// <summary>
    /// Reads rows written by <see cref="WritePacked"/>. Every count and number is checked against the bytes and tables
    /// it refers to, so cut or damaged bytes fail with an <see cref="InvalidDataException"/> rather than make rows.
    /// </summary>
    internal static PendingPredictions ReadPacked(ReadOnlySpan<byte> bytes)
    {
        var reader = new PackedReader(bytes, 0);
        var layout = reader.ReadByte();
        if (layout is not (PackedLayout or EightByteLayout))
        {
            throw new InvalidDataException($"packed predictions: layout {layout} is not known (this build reads {EightByteLayout} and {PackedLayout})");
        }

        // Every row takes at least a byte of each of its columns, so no count can exceed the bytes left.
        var count = reader.ReadCount(reader.Remaining);
        var rows = new PendingPredictions();
        var seriesCount = ReadTable(ref reader, rows._series, static (ref PackedReader r) => new SeriesId(r.ReadString(), r.ReadString()), "series");
        var sliceCount = ReadTable(ref reader, rows._slices, static (ref PackedReader r) => new SliceKey(r.ReadString(), r.ReadString()), "slice");
        var labelCount = ReadTable(ref reader, rows._labels, static (ref PackedReader r) => r.ReadString(), "label");

        rows.Resize(count, 0);
        rows._count = count;
        for (var row = 0; row < count; row++)
        {
            rows._ids[row] = reader.ReadString();
        }

        long bucket = 0;
        long sliceEnd = 0;
        for (var row = 0; row < count; row++)
        {
            rows._seriesOf[row] = ReadNumber(ref reader, 0, seriesCount, "series");
            bucket = unchecked(bucket + reader.ReadVarInt());
            rows._bucketStarts[row] = bucket;
            // Each slice number takes a byte at least, and they all follow.
            sliceEnd += reader.ReadCount(reader.Remaining);
            if (sliceEnd > reader.Remaining)
            {
                throw new InvalidDataException($"packed predictions: {sliceEnd} slice numbers cannot fit in the {reader.Remaining} bytes left");
            }

            rows._sliceEnds[row] = (int)sliceEnd;
        }

        rows._sliceIds = new int[sliceEnd];
        for (var i = 0; i < sliceEnd; i++)
        {
            rows._sliceIds[i] = ReadNumber(ref reader, 0, sliceCount, "slice");
        }

        ReadNumbers(ref reader, rows._scores, layout);
        for (var row = 0; row < count; row++)
        {
            rows._predicted[row] = ReadNumber(ref reader, NoLabel, labelCount, "predicted label");
        }

        ReadNumbers(ref reader, rows._predictedValues, layout);
        for (var row = 0; row < count; row++)
        {
            rows._actualLabels[row] = ReadNumber(ref reader, NoActual, labelCount, "actual label");
        }

        ReadNumbers(ref reader, rows._actualValues, layout);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"packed predictions: {reader.Remaining} bytes follow the last column");
        }

        return rows;
    }

    private static void WriteNumbers(PackedBuffer buffer, ReadOnlySpan<double> values)
    {
        var column = new PackedBuffer();
        try
        {
            if (DecimalNumbers.TryWrite(values, column))
            {
                buffer.WriteByte(DecimalColumn);
                buffer.WriteVarUInt((uint)column.Written.Length);
                buffer.Write(column.Written);
                return;
            }
        }
        finally
        {
            column.Clear();
        }

        buffer.WriteByte(EightByteColumn);
        foreach (var value in values)
        {
            buffer.WriteDouble(value);
        }
    }

    private static void ReadNumbers(ref PackedReader reader, double[] into, byte layout)
    {
        var how = layout == EightByteLayout ? EightByteColumn : reader.ReadByte();
        if (how == DecimalColumn)
        {
            DecimalNumbers.Read(reader.ReadBytes(reader.ReadCount(reader.Remaining)), into);
            return;
        }

        if (how != EightByteColumn)
        {
            throw new InvalidDataException($"packed predictions: a column of numbers written in way {how}, which is not known");
        }

        for (var i = 0; i < into.Length; i++)
        {
            into[i] = reader.ReadDouble();
        }
    }

    // A number that refers to a table entry, or one of the markers below 0 that the column allows.
    private static int ReadNumber(ref PackedReader reader, int least, int tableCount, string column)
    {
        var value = reader.ReadVarInt();
        return value >= least && value < tableCount
            ? (int)value
            : throw new InvalidDataException($"packed predictions: {column} number {value} is outside {least} to {tableCount - 1}");
    }

    private delegate T EntryReader<out T>(ref PackedReader reader);

    // A table of distinct entries: the rows refer to them by number, and a shard interns them by value.
    private static int ReadTable<T>(ref PackedReader reader, List<T> table, EntryReader<T> read, string name)
        where T : notnull
    {
        var count = reader.ReadCount(reader.Remaining);
        var seen = new HashSet<T>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = read(ref reader);
            if (!seen.Add(entry))
            {
                throw new InvalidDataException($"packed predictions: the {name} table holds {entry} twice");
            }

            table.Add(entry);
        }

        return count;
    }
}
