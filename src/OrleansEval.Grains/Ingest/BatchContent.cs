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
/// when their hashes are equal.
/// </summary>
internal static class BatchContent
{
    /// <summary>The hash of a batch of records (128 bits of SHA-256, hexadecimal).</summary>
    public static string Of(IngestBatch batch)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, batch.Records.Length);
        foreach (var record in batch.Records)
        {
            Add(hash, record.Index);
            Add(hash, record.PredictionId);
            Add(hash, record.Timestamp.UtcTicks);
            Add(hash, record.Version);
            Add(hash, record.Environment);
            Add(hash, record.Features);
            Add(hash, record.Tags);
            Add(hash, record.Prediction is null ? null : [record.Prediction.Label, record.Prediction.Score, record.Prediction.Value]);
            Add(hash, record.Actual is null ? null : [record.Actual.Label, record.Actual.Value]);
        }

        Add(hash, batch.AlreadyRejected);
        return Finish(hash);
    }

    /// <summary>The hash of a batch of late actuals (128 bits of SHA-256, hexadecimal).</summary>
    public static string Of(ImmutableArray<ActualRecord> actuals)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, actuals.Length);
        foreach (var actual in actuals)
        {
            Add(hash, actual.Index);
            Add(hash, actual.PredictionId);
            Add(hash, [actual.Actual.Label, actual.Actual.Value]);
        }

        return Finish(hash);
    }

    private static string Finish(IncrementalHash hash) => Convert.ToHexString(hash.GetHashAndReset().AsSpan(0, 16));

    private static void Add(IncrementalHash hash, ImmutableArray<RecordRejection> rejected)
    {
        Add(hash, rejected.IsDefault ? 0 : rejected.Length);
        foreach (var rejection in rejected.IsDefault ? [] : rejected)
        {
            Add(hash, rejection.Index);
            Add(hash, rejection.Error);
        }
    }

    private static void Add(IncrementalHash hash, ImmutableDictionary<string, FeatureValue> values)
    {
        Add(hash, values.Count);
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Add(hash, name);
            Add(hash, value);
        }
    }

    private static void Add(IncrementalHash hash, FeatureValue[]? values)
    {
        Add(hash, values is null ? -1 : values.Length);
        foreach (var value in values ?? [])
        {
            Add(hash, value);
        }
    }

    private static void Add(IncrementalHash hash, FeatureValue value)
    {
        Add(hash, (int)value.Kind);
        Add(hash, BitConverter.DoubleToInt64Bits(value.Number));
        Add(hash, value.Text);
    }

    private static void Add(IncrementalHash hash, string? text)
    {
        Add(hash, text is null ? -1 : text.Length);
        hash.AppendData(MemoryMarshal.AsBytes((text ?? "").AsSpan()));
    }

    private static void Add(IncrementalHash hash, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }

    private static void Add(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }
}
