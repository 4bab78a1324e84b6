using System.Buffers;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Tests.Grpc;

/// <summary>
/// Protobuf wire bytes for the reader tests: unknown fields of every wire type (a packed repeated one among them) to
/// put into a message, a deserialization context over bytes split into several buffers as Kestrel hands them over, and
/// a record table or rejection list written out as text so that two readings compare line by line.
/// </summary>
internal static class WireMessages
{
    /// <summary>One to three fields of random numbers (some of them the message's own) and wire types.</summary>
    public static byte[] UnknownFields(Random random, int maxKnownNumber)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            // Mostly numbers no message of the API uses; now and then one it does, with any wire type.
            var number = random.Next(4) == 0 ? random.Next(1, maxKnownNumber + 1) : random.Next(100, 20_000);
            switch (random.Next(5))
            {
                case 0:
                    output.WriteTag(number, WireFormat.WireType.Varint);
                    output.WriteUInt64((ulong)random.NextInt64());
                    break;
                case 1:
                    output.WriteTag(number, WireFormat.WireType.Fixed64);
                    output.WriteDouble(random.NextDouble());
                    break;
                case 2:
                    output.WriteTag(number, WireFormat.WireType.Fixed32);
                    output.WriteFixed32((uint)random.Next());
                    break;
                case 3:
                    // A packed repeated field: varints behind one length.
                    var packed = new MemoryStream();
                    var inner = new CodedOutputStream(packed);
                    for (var i = random.Next(0, 5); i > 0; i--)
                    {
                        inner.WriteInt64(random.NextInt64(-1_000, 1_000));
                    }

                    inner.Flush();
                    output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFrom(packed.ToArray()));
                    break;
                default:
                    output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                    output.WriteString(random.Next(2) == 0 ? "ünknöwn ✓" : "");
                    break;
            }
        }

        output.Flush();
        return stream.ToArray();
    }

    /// <summary>The bytes of <paramref name="message"/> with <paramref name="extra"/> after them, parsed back by <paramref name="parser"/>: the message keeps them as unknown fields and writes them out again.</summary>
    public static T WithFields<T>(T message, byte[] extra, MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom([.. message.ToByteArray(), .. extra]);

    /// <summary>A deserialization context over <paramref name="payload"/>, cut into buffers of at most <paramref name="segment"/> bytes.</summary>
    public static DeserializationContext Context(byte[] payload, int segment = 4_096) => new SegmentedContext(payload, segment);

    /// <summary>Every kept record of <paramref name="table"/>, a line each, every field and value with its kind and bits.</summary>
    public static string[] Lines(RecordTable table) => [.. table.Rows.Select(Line)];

    private static string Line(RecordRow row)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{row.Index} '{row.PredictionId}' {row.Timestamp.UtcTicks} v={row.Version ?? "-"} e={row.Environment ?? "-"} f[");
        Values(text, row.Features);
        text.Append("] t[");
        Values(text, row.Tags);
        text.Append(CultureInfo.InvariantCulture, $"] p={row.HasPrediction}:{Value(row.PredictionLabel)},{Value(row.PredictionScore)},{Value(row.PredictionValue)}");
        text.Append(CultureInfo.InvariantCulture, $" a={row.HasActual}:{Value(row.ActualLabel)},{Value(row.ActualValue)}");
        return text.ToString();
    }

    private static void Values(StringBuilder text, RecordValues values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{values.NameAt(i)}={Value(values.ValueAt(i))};");
        }
    }

    private static string Value(FeatureValue value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Kind}:{BitConverter.DoubleToInt64Bits(value.Number):x}:{value.Text}");

    private sealed class SegmentedContext(byte[] payload, int segment) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence()
        {
            if (payload.Length <= segment)
            {
                return new ReadOnlySequence<byte>(payload);
            }

            var first = new Segment(payload.AsMemory(0, segment), 0);
            var last = first;
            for (var at = segment; at < payload.Length; at += segment)
            {
                last = last.Append(payload.AsMemory(at, Math.Min(segment, payload.Length - at)));
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
