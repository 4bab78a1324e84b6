using System.Buffers;
using System.Text.Unicode;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Reads the messages records and actuals share (Value, Prediction, Actual, Timestamp) off the wire into the values the
/// record table holds, as Google.Protobuf and <see cref="RecordMapper"/> would turn them: the last of a oneof's
/// fields wins, a Value with nothing set is missing, a number keeps its bits. Text is decoded as strict UTF-8 into one
/// reused character buffer; a short category is kept once per table. A message field given twice in one message (which
/// protobuf merges) throws <see cref="InvalidDataException"/>, leaving that message to protobuf's parser.
/// </summary>
internal sealed class WireFieldReader(RecordTableBuilder? texts) : IDisposable
{
    private static readonly uint NumberTag = WireReader.Tag(1, 1);
    private static readonly uint TextTag = WireReader.Tag(2, 2);
    private static readonly uint FlagTag = WireReader.Tag(3, 0);
    private static readonly uint LabelTag = WireReader.Tag(1, 2);
    private static readonly uint SecondsTag = WireReader.Tag(1, 0);
    private static readonly uint NanosTag = WireReader.Tag(2, 0);

    private char[] _chars = ArrayPool<char>.Shared.Rent(256);

    /// <summary>The characters of UTF-8 <paramref name="utf8"/>, valid until the next text is read.</summary>
    public ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        }

        return Utf8.ToUtf16(utf8, _chars, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
            ? _chars.AsSpan(0, written)
            : throw WireReader.Unread("text that is not UTF-8");
    }

    /// <summary>UTF-8 <paramref name="utf8"/> as a string.</summary>
    public string String(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : new string(Chars(utf8));

    /// <summary>A Value message: a number, a text, a flag, or missing when nothing is set.</summary>
    public FeatureValue Value(ReadOnlySpan<byte> message)
    {
        var reader = new WireReader(message);
        var value = FeatureValue.Missing;
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == NumberTag)
            {
                value = FeatureValue.Of(reader.ReadDouble());
            }
            else if (tag == TextTag)
            {
                var chars = Chars(reader.ReadBytes());
                value = FeatureValue.Of(texts is null ? new string(chars) : texts.Text(chars));
            }
            else if (tag == FlagTag)
            {
                value = FeatureValue.Of(reader.ReadVarint() != 0);
            }
            else
            {
                reader.Skip(tag);
            }
        }

        return value;
    }

    /// <summary>
    /// A Prediction (label, score, value) or an Actual (label, value) message into <paramref name="values"/>: the label,
    /// field 1, is a Value; field n after it is an optional double, put at n - 1; an absent one is missing.
    /// </summary>
    public void Outcome(ReadOnlySpan<byte> message, Span<FeatureValue> values)
    {
        values.Clear();
        var reader = new WireReader(message);
        var labelSeen = false;
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == LabelTag)
            {
                labelSeen = labelSeen ? throw WireReader.Unread("a label given twice") : true;
                values[0] = Value(reader.ReadBytes());
            }
            else if ((tag & 7) == 1 && tag >> 3 is var field && field >= 2 && field <= (uint)values.Length)
            {
                values[(int)field - 1] = FeatureValue.Of(reader.ReadDouble());
            }
            else
            {
                reader.Skip(tag);
            }
        }
    }

    /// <summary>
    /// A Timestamp message as <see cref="Google.Protobuf.WellKnownTypes.Timestamp.ToDateTimeOffset"/> turns it, or null
    /// when its seconds fall outside years 1 to 9999 or its nanos outside 0 to 999,999,999.
    /// </summary>
    public static DateTimeOffset? Time(ReadOnlySpan<byte> message)
    {
        var reader = new WireReader(message);
        long seconds = 0;
        var nanos = 0;
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == SecondsTag)
            {
                seconds = (long)reader.ReadVarint();
            }
            else if (tag == NanosTag)
            {
                nanos = (int)reader.ReadVarint();
            }
            else
            {
                reader.Skip(tag);
            }
        }

        const long MinSeconds = -62_135_596_800;
        const long MaxSeconds = 253_402_300_799;
        return seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999
            ? null
            : new DateTimeOffset(DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanos / 100)), TimeSpan.Zero);
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
    }
}
