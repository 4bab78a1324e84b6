using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansEval.Actuals;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// Grain storage of a join shard's records, encoded with the Orleans serializer as the service stores them, in a table
/// of its own; it counts the bytes every write encodes, so a test can state what persisting the join costs.
/// </summary>
public sealed class CountingJoinStorage() : RecordGrainStorage(new())
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(JoinSegment).Assembly).AddAssembly(typeof(PendingPredictions).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>Bytes encoded by every write so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Records stored now.</summary>
    public int RecordCount => Records.Count;

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
}
