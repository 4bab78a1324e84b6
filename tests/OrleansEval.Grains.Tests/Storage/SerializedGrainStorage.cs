using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Tests.Storage;

/// <summary>
/// Grain storage whose records are serialized with the silo's serializer into a process-wide table that outlives any
/// one silo of an in-process test cluster, so a grain that moves to another silo, or a cluster started after another,
/// reads exactly what its last activation wrote. Segments are compressed as the service stores them. Each derived
/// type keeps a table of its own, so tests that use different storages do not see each other's records.
/// </summary>
/// <typeparam name="TStorage">The derived type, whose table this is.</typeparam>
/// <param name="serializer">The silo's serializer.</param>
public abstract class SerializedGrainStorage<TStorage>(Serializer serializer) : RecordGrainStorage(Table)
    where TStorage : SerializedGrainStorage<TStorage>
{
    /// <summary>The process-wide table of <typeparamref name="TStorage"/>.</summary>
    protected static readonly ConcurrentDictionary<string, (byte[] State, string ETag)> Table = new();

    // Compressing segments, as the service does by default, so every test that replays a log reads them back.
    private readonly CompressingStateSerializer _records = new(new OrleansGrainStorageSerializer(serializer), SegmentCompression.Fastest);

    /// <inheritdoc />
    protected override byte[] Encode<T>(T state) => _records.Serialize(state).ToArray();

    /// <inheritdoc />
    protected override T Decode<T>(byte[] state) => _records.Deserialize<T>(new BinaryData(state))!;
}
