using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using OrleansEval.Actuals;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// The identity of a batch's content: a hash of what was parsed — every field of every record, features and tags in
/// ordinal order of name, timestamps as UTC ticks, and the records the gateway already rejected — so the same records
/// sent as JSON or as protobuf, in any process, hash alike. Two batches under one idempotency key are the same batch
/// when their hashes are equal. The fields are laid out in one buffer and hashed once: a hash call per field cost more
/// than the rest of the batch's checks together.
/// </summary>
internal static class BatchContent
{
    /// <summary>The hash of a batch of records (128 bits of SHA-256, hexadecimal).</summary>
    public static string Of(IngestBatch batch)
    {
        var content = new ArrayBufferWriter<byte>(InitialCapacity(batch.Records.Length, 512));
        Add(content, batch.Records.Length);
        var features = new NameOrder();
        var tags = new NameOrder();
        foreach (var record in batch.Records)
        {
            Add(content, record.Index);
            Add(content, record.PredictionId);
            Add(content, record.Timestamp.UtcTicks);
            Add(content, record.Version);
            Add(content, record.Environment);
            Add(content, record.Features, features);
            Add(content, record.Tags, tags);
            Add(content, record.Prediction is null ? null : [record.Prediction.Label, record.Prediction.Score, record.Prediction.Value]);
            Add(content, record.Actual is null ? null : [record.Actual.Label, record.Actual.Value]);
        }

        Add(content, batch.AlreadyRejected);
        return Finish(content);
    }

    /// <summary>The hash of a batch of late actuals (128 bits of SHA-256, hexadecimal).</summary>
    public static string Of(ImmutableArray<ActualRecord> actuals)
    {
        var content = new ArrayBufferWriter<byte>(InitialCapacity(actuals.Length, 96));
        Add(content, actuals.Length);
        foreach (var actual in actuals)
        {
            Add(content, actual.Index);
            Add(content, actual.PredictionId);
            Add(content, [actual.Actual.Label, actual.Actual.Value]);
        }

        return Finish(content);
    }

    // A guess of the content's size, bounded: the buffer grows as needed.
    private static int InitialCapacity(int items, int bytesEach) => (int)Math.Min((items * (long)bytesEach) + 64, 1 << 22);

    private static string Finish(ArrayBufferWriter<byte> content) => Convert.ToHexString(SHA256.HashData(content.WrittenSpan).AsSpan(0, 16));

    private static void Add(ArrayBufferWriter<byte> content, ImmutableArray<RecordRejection> rejected)
    {
        Add(content, rejected.IsDefault ? 0 : rejected.Length);
        foreach (var rejection in rejected.IsDefault ? [] : rejected)
        {
            Add(content, rejection.Index);
            Add(content, rejection.Error);
        }
    }

    private static void Add(ArrayBufferWriter<byte> content, ImmutableDictionary<string, FeatureValue> values, NameOrder order)
    {
        Add(content, values.Count);
        foreach (var name in order.Of(values))
        {
            Add(content, name);
            Add(content, values[name]);
        }
    }

    private static void Add(ArrayBufferWriter<byte> content, FeatureValue[]? values)
    {
        Add(content, values is null ? -1 : values.Length);
        foreach (var value in values ?? [])
        {
            Add(content, value);
        }
    }

    private static void Add(ArrayBufferWriter<byte> content, FeatureValue value)
    {
        Add(content, (int)value.Kind);
        Add(content, BitConverter.DoubleToInt64Bits(value.Number));
        Add(content, value.Text);
    }

    private static void Add(ArrayBufferWriter<byte> content, string? text)
    {
        Add(content, text is null ? -1 : text.Length);
        content.Write(MemoryMarshal.AsBytes((text ?? "").AsSpan()));
    }

    private static void Add(ArrayBufferWriter<byte> content, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(content.GetSpan(sizeof(int)), value);
        content.Advance(sizeof(int));
    }

    private static void Add(ArrayBufferWriter<byte> content, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(content.GetSpan(sizeof(long)), value);
        content.Advance(sizeof(long));
    }

    // The names of a record's values in ordinal order. The records of a batch mostly name the same features, so the
    // order of the last record is kept and checked, which costs a lookup a name instead of a sort a record.
    private sealed class NameOrder
    {
        private string[] _names = [];

        public string[] Of(ImmutableDictionary<string, FeatureValue> values)
        {
            if (values.Count != _names.Length || !Array.TrueForAll(_names, values.ContainsKey))
            {
                _names = [.. values.Keys];
                Array.Sort(_names, StringComparer.Ordinal);
            }

            return _names;
        }
    }
}
