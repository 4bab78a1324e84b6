using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>The Orleans serializer of the wire and log types (Abstractions), as the format tests read and write them.</summary>
internal static class WireSerializer
{
    public static Serializer Instance { get; } = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ColumnChunk).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();
}
