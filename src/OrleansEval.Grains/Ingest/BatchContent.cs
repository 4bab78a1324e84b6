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
/// than the rest of the batch's checks together. The buffer is rented from the shared pool and given back once hashed.
/// </summary>
internal static class BatchContent
{
    /// <summary>The hash of a batch of records (128 bits of SHA-256, hexadecimal).</summary>
    public static string Of(IngestBatch batch)
    {
        var content = new PackedBuffer(InitialCapacity(batch.Records.Count, 1_024));
        Add(content, batch.Records.Count);
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
            AddPrediction(content, record);
            AddActual(content, record);
        }

        Add(content, batch.AlreadyRejected);
        return Finish(content);
    }

    /// <summary>The hash of a batch of late actuals (128 bits of SHA-256, hexadecimal).</summary>
    public static string Of(ImmutableArray<ActualRecord> actuals)
    {
        var content = new PackedBuffer(InitialCapacity(actuals.Length, 96));
        Add(content, actuals.Length);
        foreach (var actual in actuals)
        {
            Add(content, actual.Index);
            Add(content, actual.PredictionId);
            Add(content, [actual.Actual.Label, actual.Actual.Value]);
        }

        return Finish(content);
    }

    // A guess of the content's size, bounded: the buffer grows as needed. A record of 20 features lays out about 1 kB.
    private static int InitialCapacity(int items, int bytesEach) => (int)Math.Min((items * (long)bytesEach) + 64, 1 << 22);

    private static string Finish(PackedBuffer content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content.Written, hash);
        content.Clear();
        return Convert.ToHexString(hash[..16]);
    }

    private static void Add(PackedBuffer content, ImmutableArray<RecordRejection> rejected)
    {
        Add(content, rejected.IsDefault ? 0 : rejected.Length);
        foreach (var rejection in rejected.IsDefault ? [] : rejected)
        {
            Add(content, rejection.Index);
            Add(content, rejection.Error);
        }
    }

    private static void Add(PackedBuffer content, RecordValues values, NameOrder order)
    {
        Add(content, values.Count);
        foreach (var i in order.Of(values))
        {
            Add(content, values.NameAt(i));
            Add(content, values.ValueAt(i));
        }
    }

    // Laid out as an array of three values, or -1 for none, as the first layout of the hash did.
    private static void AddPrediction(PackedBuffer content, RecordRow record)
    {
        Add(content, record.HasPrediction ? 3 : -1);
        if (record.HasPrediction)
        {
            Add(content, record.PredictionLabel);
            Add(content, record.PredictionScore);
            Add(content, record.PredictionValue);
        }
    }

    private static void AddActual(PackedBuffer content, RecordRow record)
    {
        Add(content, record.HasActual ? 2 : -1);
        if (record.HasActual)
        {
            Add(content, record.ActualLabel);
            Add(content, record.ActualValue);
        }
    }

    private static void Add(PackedBuffer content, FeatureValue[]? values)
    {
        Add(content, values is null ? -1 : values.Length);
        foreach (var value in values ?? [])
        {
            Add(content, value);
        }
    }

    private static void Add(PackedBuffer content, FeatureValue value)
    {
        Add(content, (int)value.Kind);
        Add(content, BitConverter.DoubleToInt64Bits(value.Number));
        Add(content, value.Text);
    }

    private static void Add(PackedBuffer content, string? text)
    {
        Add(content, text is null ? -1 : text.Length);
        content.Write(MemoryMarshal.AsBytes((text ?? "").AsSpan()));
    }

    private static void Add(PackedBuffer content, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(content.GetSpan(sizeof(int)), value);
        content.Advance(sizeof(int));
    }

    private static void Add(PackedBuffer content, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(content.GetSpan(sizeof(long)), value);
        content.Advance(sizeof(long));
    }

    // The positions of a record's values in ordinal order of their names. Names are numbered once per table, so the
    // order of the last record is kept and checked by number, which costs a comparison a name instead of a sort a record.
    private sealed class NameOrder
    {
        private int[] _positions = new int[32];
        private int[] _names = new int[32];
        private int _count = -1;

        public ReadOnlySpan<int> Of(RecordValues values)
        {
            if (!SameNames(values))
            {
                Sort(values);
            }

            return _positions.AsSpan(0, _count);
        }

        private bool SameNames(RecordValues values)
        {
            if (values.Count != _count)
            {
                return false;
            }

            for (var i = 0; i < _count; i++)
            {
                if (values.NameIdAt(i) != _names[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void Sort(RecordValues values)
        {
            _count = values.Count;
            if (_count > _positions.Length)
            {
                _positions = new int[_count];
                _names = new int[_count];
            }

            for (var i = 0; i < _count; i++)
            {
                _positions[i] = i;
                _names[i] = values.NameIdAt(i);
            }

            _positions.AsSpan(0, _count).Sort((a, b) => string.CompareOrdinal(values.NameAt(a), values.NameAt(b)));
        }
    }
}
