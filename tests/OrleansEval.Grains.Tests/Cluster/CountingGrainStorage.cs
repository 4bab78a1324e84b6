using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that counts, by kind of record, the writes, the bytes stored and the deletes, with segments
/// compressed as <see cref="Compression"/> says: what a blob store is sent. A kind is the state name with its
/// numbers left out (<c>ingest-log-7</c> and <c>ingest-log-8</c> are <c>ingest-log-n</c>). Used by one test at a time.
/// </summary>
public sealed partial class CountingGrainStorage(Serializer serializer) : RecordGrainStorage(Table)
{
    private static readonly ConcurrentDictionary<string, (byte[] State, string ETag)> Table = new();
    private static readonly ConcurrentDictionary<string, RecordCount> Counts = new(StringComparer.Ordinal);

    private static int _refused;

    private readonly CompressingStateSerializer _records = new(new OrleansGrainStorageSerializer(serializer), Compression);

    /// <summary>Whether the storages made from now on compress segments.</summary>
    public static SegmentCompression Compression { get; set; } = SegmentCompression.Fastest;

    /// <summary>What was written and deleted since the last <see cref="Reset"/>, by kind of record.</summary>
    public static IReadOnlyDictionary<string, RecordCount> Counted => Counts;

    /// <summary>
    /// While set, the writes of the state of exactly this name, or of this kind (<c>join-outbox-n</c>), throw, as a
    /// process that dies before it stores the record does; "join" stops a label-join shard's record after its outbox
    /// chunk and segments were stored.
    /// </summary>
    public static string? RefusedState { get; set; }

    /// <summary>The writes refused since the last <see cref="Reset"/>.</summary>
    public static int Refused => _refused;

    /// <summary>Forgets the counts.</summary>
    public static void Reset()
    {
        Counts.Clear();
        Interlocked.Exchange(ref _refused, 0);
    }

    /// <inheritdoc />
    protected override void BeforeChange(string stateName)
    {
        if (string.Equals(stateName, RefusedState, StringComparison.Ordinal) || string.Equals(Kind(stateName), RefusedState, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refused);
            throw new IOException($"storage refused the write of '{stateName}'");
        }
    }

    /// <inheritdoc />
    protected override byte[] Encode<T>(T state) => _records.Serialize(state).ToArray();

    /// <inheritdoc />
    protected override T Decode<T>(byte[] state) => _records.Deserialize<T>(new BinaryData(state))!;

    /// <inheritdoc />
    protected override void Written(string stateName, int bytes) =>
        Counts.AddOrUpdate(Kind(stateName), _ => new RecordCount(1, bytes, 0), (_, c) => c with { Writes = c.Writes + 1, Bytes = c.Bytes + bytes });

    /// <inheritdoc />
    protected override void Cleared(string stateName) =>
        Counts.AddOrUpdate(Kind(stateName), _ => new RecordCount(0, 0, 1), (_, c) => c with { Deletes = c.Deletes + 1 });

    private static string Kind(string stateName) => Number().Replace(stateName, "-n");

    [GeneratedRegex(@"-\d+")]
    private static partial Regex Number();
}
