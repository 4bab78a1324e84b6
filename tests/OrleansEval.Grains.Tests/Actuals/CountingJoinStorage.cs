using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansEval.Actuals;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// Grain storage of a join shard's records, encoded with the Orleans serializer as the service stores them, in a table
/// of its own; it counts the bytes every write encodes, so a test can state what persisting the join costs, and can
/// refuse the writes and deletes of one kind of record, as a store that fails between two of a persist's steps.
/// </summary>
public sealed class CountingJoinStorage() : RecordGrainStorage(new())
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(JoinSegment).Assembly).AddAssembly(typeof(PendingPredictions).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>Bytes encoded by every write so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The names of the records stored now (<c>state name/grain id</c>).</summary>
    public IEnumerable<string> Names => Records.Keys;

    /// <summary>While set, writes and deletes of records whose state name starts with it are refused.</summary>
    public string? Refusing { get; set; }

    /// <summary>The encoded size of <paramref name="state"/>, as a write of it would store it.</summary>
    public static int SizeOf<T>(T state) => Serializer.SerializeToArray(state).Length;

    /// <inheritdoc />
    protected override byte[] Encode<T>(T state)
    {
        var bytes = Serializer.SerializeToArray(state);
        BytesWritten += bytes.Length;
        return bytes;
    }

    /// <inheritdoc />
    protected override T Decode<T>(byte[] state) => Serializer.Deserialize<T>(state)!;

    /// <inheritdoc />
    protected override void BeforeChange(string stateName)
    {
        if (Refusing is { } prefix && stateName.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new IOException($"the store refused {stateName}");
        }
    }
}
