using System.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// Writes a <see cref="RecordTable"/> column by column into packed bytes, the form in which it crosses a process
/// boundary (<see cref="RecordTableCodec"/>), with no object per record. After a layout byte, the record count and the
/// count of feature and tag values come five sections, each a pass over the table:
/// <list type="number">
/// <item>the record columns, record by record: index, prediction id, event time (clock ticks as the difference from the
/// record before, and the offset in minutes), version, environment, which of prediction and actual it has, and how many
/// features and tags;</item>
/// <item>the name of every feature and tag value, in record order (features, then tags, of each record);</item>
/// <item>a shape byte for every value — those of the names above, then each record's prediction (label, score, value)
/// and actual (label, value) when it has them: the value's kind in the low six bits, 0x40 when its number is not +0, 0x80
/// when it has a text;</item>
/// <item>the numbers the shapes announce, packed, eight little-endian bytes each, bit for bit (NaN payloads, −0, ±∞);</item>
/// <item>the texts the shapes announce.</item>
/// </list>
/// A text (version, environment, category) is a number: 0 for none, <c>k + 1</c> for the k-th distinct text already
/// written, or one more than the texts so far followed by the new text's UTF-8 length and bytes; a name is the same
/// without the 0. Prediction ids, nearly all distinct, are written in place. One encoder is kept per thread.
/// </summary>
internal sealed class RecordTableEncoder
{
    /// <summary>The layout written first, so that a later layout can be read beside this one.</summary>
    public const byte Layout = 1;

    public const byte NumberFlag = 0x40;
    public const byte TextFlag = 0x80;
    public const byte KindMask = 0x3F;

    private const int MaxKeptEntries = 65_536;

    [ThreadStatic]
    private static RecordTableEncoder? _spare;

    private readonly PackedBuffer _buffer = new();
    private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
    private int[] _names = [];
    private int _namesWritten;
    private FeatureValue[] _values = [];
    private int _valueCount;

    /// <summary>The thread's encoder, for one table; give it back with <see cref="Return"/>.</summary>
    public static RecordTableEncoder Rent()
    {
        var encoder = _spare ?? new RecordTableEncoder();
        _spare = null;
        return encoder;
    }

    /// <summary>The packed bytes of <paramref name="table"/>, valid until <see cref="Return"/>.</summary>
    public ReadOnlySpan<byte> Encode(RecordTable table)
    {
        _buffer.WriteByte(Layout);
        _buffer.WriteVarUInt((uint)table.Count);
        _buffer.WriteVarUInt((uint)Cells(table));
        WriteRecords(table);
        WriteNamesAndGatherValues(table);
        WriteShapes();
        WriteNumbers();
        WriteTexts();
        return _buffer.Written;
    }

    /// <summary>Forgets the table and keeps the encoder for the thread's next one.</summary>
    public void Return()
    {
        _buffer.Clear();
        var large = _texts.Count > MaxKeptEntries;
        _texts.Clear();
        if (large)
        {
            _texts.TrimExcess();
        }

        _names.AsSpan().Clear();
        _namesWritten = 0;
        _values.AsSpan(0, _valueCount).Clear();
        _valueCount = 0;
        _spare = this;
    }

    private void WriteRecords(RecordTable table)
    {
        var data = table.Data;
        long ticks = 0;
        for (var row = 0; row < table.Count; row++)
        {
            _buffer.WriteVarInt(data.Indexes[row]);
            _buffer.WriteString(data.PredictionIds[row]);
            var timestamp = data.Timestamps[row];
            _buffer.WriteVarInt(timestamp.Ticks - ticks);
            ticks = timestamp.Ticks;
            _buffer.WriteVarInt((long)timestamp.Offset.TotalMinutes);
            WriteText(data.Versions[row]);
            WriteText(data.Environments[row]);
            _buffer.WriteByte(data.Parts[row]);
            var at = row * RecordTable.RangeFields;
            _buffer.WriteVarUInt((uint)(data.Ranges[at + 1] - data.Ranges[at]));
            _buffer.WriteVarUInt((uint)(data.Ranges[at + 3] - data.Ranges[at + 2]));
        }
    }

    private void WriteNamesAndGatherValues(RecordTable table)
    {
        var data = table.Data;
        for (var row = 0; row < table.Count; row++)
        {
            var at = row * RecordTable.RangeFields;
            WriteCells(data, data.Ranges[at], data.Ranges[at + 1]);
            WriteCells(data, data.Ranges[at + 2], data.Ranges[at + 3]);
        }

        for (var row = 0; row < table.Count; row++)
        {
            var at = row * RecordTable.OutcomeFields;
            if ((data.Parts[row] & RecordTable.HasPrediction) != 0)
            {
                Gather(data.Outcomes.AsSpan(at, 3));
            }

            if ((data.Parts[row] & RecordTable.HasActual) != 0)
            {
                Gather(data.Outcomes.AsSpan(at + 3, 2));
            }
        }
    }

    private void WriteCells(RecordColumns data, int from, int to)
    {
        for (var cell = from; cell < to; cell++)
        {
            WriteName(data, data.CellNames[cell]);
        }

        Gather(data.CellValues.AsSpan(from, to - from));
    }

    private void WriteName(RecordColumns data, int name)
    {
        if (name >= _names.Length)
        {
            Array.Resize(ref _names, Math.Max(name + 1, Math.Max(32, _names.Length * 2)));
        }

        if (_names[name] > 0)
        {
            _buffer.WriteVarUInt((uint)(_names[name] - 1));
            return;
        }

        _buffer.WriteVarUInt((uint)_namesWritten);
        _buffer.WriteString(data.Names[name]);
        _names[name] = ++_namesWritten;
    }

    private void Gather(ReadOnlySpan<FeatureValue> values)
    {
        if (_valueCount + values.Length > _values.Length)
        {
            var larger = ArrayPool<FeatureValue>.Shared.Rent(Math.Max(_valueCount + values.Length, Math.Max(256, _values.Length * 2)));
            _values.AsSpan(0, _valueCount).CopyTo(larger);
            if (_values.Length > 0)
            {
                ArrayPool<FeatureValue>.Shared.Return(_values, clearArray: true);
            }

            _values = larger;
        }

        values.CopyTo(_values.AsSpan(_valueCount));
        _valueCount += values.Length;
    }

    private void WriteShapes()
    {
        foreach (var value in _values.AsSpan(0, _valueCount))
        {
            _buffer.WriteByte(Shape(value));
        }
    }

    private void WriteNumbers()
    {
        foreach (var value in _values.AsSpan(0, _valueCount))
        {
            if (HasNumber(value))
            {
                _buffer.WriteDouble(value.Number);
            }
        }
    }

    private void WriteTexts()
    {
        foreach (var value in _values.AsSpan(0, _valueCount))
        {
            if (value.Text is not null)
            {
                WriteText(value.Text);
            }
        }
    }

    private void WriteText(string? text)
    {
        if (text is null)
        {
            _buffer.WriteVarUInt(0);
            return;
        }

        if (_texts.TryGetValue(text, out var known))
        {
            _buffer.WriteVarUInt((uint)known + 1);
            return;
        }

        var number = _texts.Count;
        _buffer.WriteVarUInt((uint)number + 1);
        _buffer.WriteString(text);
        _texts.Add(text, number);
    }

    private static int Cells(RecordTable table)
    {
        var cells = 0;
        var ranges = table.Data.Ranges.AsSpan(0, table.Count * RecordTable.RangeFields);
        for (var at = 0; at < ranges.Length; at += 2)
        {
            cells += ranges[at + 1] - ranges[at];
        }

        return cells;
    }

    private static bool HasNumber(FeatureValue value) => BitConverter.DoubleToInt64Bits(value.Number) != 0;

    private static byte Shape(FeatureValue value)
    {
        var kind = (byte)value.Kind;
        if (kind > KindMask)
        {
            throw new InvalidOperationException($"a value of kind {kind} has no packed form");
        }

        return (byte)(kind | (HasNumber(value) ? NumberFlag : 0) | (value.Text is null ? 0 : TextFlag));
    }
}
