namespace OrleansEval.Ingest;

/// <summary>
/// Reads the packed bytes of <see cref="RecordTableEncoder"/> back into a <see cref="RecordTable"/>, straight into its
/// columns, with no object per record: a string for each prediction id and each distinct name and text, nothing else
/// per record. Bytes that are cut, damaged or of an unknown layout fail with an <see cref="InvalidDataException"/>.
/// </summary>
internal static class RecordTableDecoder
{
    // Index, id length, time, offset, version, environment, parts and two counts: a byte each at least.
    private const int MinRecordBytes = 9;

    public static RecordTable Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new PackedReader(bytes, 0);
        var layout = reader.ReadByte();
        if (layout != RecordTableEncoder.Layout)
        {
            throw new InvalidDataException($"a record table of layout {layout} cannot be read (known: {RecordTableEncoder.Layout})");
        }

        var count = reader.ReadCount(reader.Remaining / MinRecordBytes);

        // A value takes a byte for its name and one for its shape at least.
        var cells = reader.ReadCount(reader.Remaining / 2);
        var columns = RecordColumns.Exact(count, cells);
        var texts = new List<string>();
        var values = ReadRecords(ref reader, columns, count, texts);
        if (columns.Ranges.Length > 0 && columns.Ranges[^1] != cells)
        {
            throw new InvalidDataException($"the records hold {columns.Ranges[^1]} values, not the {cells} announced");
        }

        columns.Names = ReadNames(ref reader, columns, cells);
        ReadValues(bytes, reader.Position, columns, count, (cells, values), texts);
        return new RecordTable(count, columns);
    }

    private static int ReadRecords(ref PackedReader reader, RecordColumns columns, int count, List<string> texts)
    {
        long ticks = 0;
        long cells = 0;
        long values = 0;
        for (var row = 0; row < count; row++)
        {
            columns.Indexes[row] = checked((int)reader.ReadVarInt());
            columns.PredictionIds[row] = reader.ReadString();
            ticks += reader.ReadVarInt();
            columns.Timestamps[row] = Timestamp(ticks, reader.ReadVarInt());
            columns.Versions[row] = ReadText(ref reader, texts);
            columns.Environments[row] = ReadText(ref reader, texts);
            var parts = reader.ReadByte();
            columns.Parts[row] = parts;
            var at = row * RecordTable.RangeFields;
            var features = reader.ReadCount(reader.Remaining);
            var tags = reader.ReadCount(reader.Remaining);
            columns.Ranges[at] = (int)cells;
            columns.Ranges[at + 1] = columns.Ranges[at + 2] = (int)(cells += features);
            columns.Ranges[at + 3] = (int)(cells += tags);
            values += features + tags + ((parts & RecordTable.HasPrediction) != 0 ? 3 : 0) + ((parts & RecordTable.HasActual) != 0 ? 2 : 0);
            if (cells > columns.CellNames.Length || values > reader.Remaining)
            {
                throw new InvalidDataException($"record {row} announces more values than the bytes hold");
            }
        }

        return (int)values;
    }

    private static string[] ReadNames(ref PackedReader reader, RecordColumns columns, int cells)
    {
        var names = new List<string>();
        for (var cell = 0; cell < cells; cell++)
        {
            var name = reader.ReadCount(names.Count);
            if (name == names.Count)
            {
                names.Add(reader.ReadString());
            }

            columns.CellNames[cell] = name;
        }

        return [.. names];
    }

    private static void ReadValues(ReadOnlySpan<byte> bytes, int at, RecordColumns columns, int count, (int Cells, int Values) size, List<string> texts)
    {
        if (bytes.Length - at < size.Values)
        {
            throw new InvalidDataException("the value shapes are cut");
        }

        var shapes = bytes.Slice(at, size.Values);
        var numbersAt = (long)at + size.Values;
        var textsAt = numbersAt + ((long)sizeof(double) * Numbers(shapes));
        if (textsAt > bytes.Length)
        {
            throw new InvalidDataException("the packed numbers are cut");
        }

        var numbers = new PackedReader(bytes, (int)numbersAt);
        var strings = new PackedReader(bytes, (int)textsAt);
        for (var cell = 0; cell < size.Cells; cell++)
        {
            columns.CellValues[cell] = ReadValue(shapes[cell], ref numbers, ref strings, texts);
        }

        var value = size.Cells;
        for (var row = 0; row < count; row++)
        {
            var outcomes = columns.Outcomes.AsSpan(row * RecordTable.OutcomeFields, RecordTable.OutcomeFields);
            for (var field = 0; field < RecordTable.OutcomeFields; field++)
            {
                var part = field < 3 ? RecordTable.HasPrediction : RecordTable.HasActual;
                if ((columns.Parts[row] & part) != 0)
                {
                    outcomes[field] = ReadValue(shapes[value++], ref numbers, ref strings, texts);
                }
            }
        }

        if (strings.Remaining != 0)
        {
            throw new InvalidDataException($"{strings.Remaining} bytes follow the record table");
        }
    }

    private static FeatureValue ReadValue(byte shape, ref PackedReader numbers, ref PackedReader strings, List<string> texts)
    {
        var number = (shape & RecordTableEncoder.NumberFlag) != 0 ? numbers.ReadDouble() : 0;
        var text = (shape & RecordTableEncoder.TextFlag) != 0
            ? ReadText(ref strings, texts) ?? throw new InvalidDataException("a value announced with a text has none")
            : null;
        return new FeatureValue((FeatureValueKind)(shape & RecordTableEncoder.KindMask), number, text);
    }

    private static string? ReadText(ref PackedReader reader, List<string> texts)
    {
        var text = reader.ReadCount(texts.Count + 1L);
        if (text == 0)
        {
            return null;
        }

        if (text <= texts.Count)
        {
            return texts[text - 1];
        }

        var added = reader.ReadString();
        texts.Add(added);
        return added;
    }

    private static int Numbers(ReadOnlySpan<byte> shapes)
    {
        var numbers = 0;
        foreach (var shape in shapes)
        {
            numbers += (shape & RecordTableEncoder.NumberFlag) >> 6;
        }

        return numbers;
    }

    private static DateTimeOffset Timestamp(long ticks, long offsetMinutes)
    {
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"an event time of {ticks} ticks at offset {offsetMinutes} minutes is out of range", e);
        }
    }
}
