using System.Text.Json;
using OrleansEval.Server.Hosting;

namespace OrleansEval.Server.Tests.Hosting;

public sealed class RuntimeConfigTests
{
    // The runtime settings the server starts with, as the build wrote them beside its assembly.
    private static JsonElement ConfigProperties()
    {
        var assembly = typeof(SiloEndpoints).Assembly.Location;
        var path = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void ServerRuntimeConfig_TurnsTieredPgoOff_AndKeepsServerGc()
    {
        var properties = ConfigProperties();

        Assert.True(properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo), "the server's runtimeconfig.json sets no System.Runtime.TieredPGO");
        Assert.False(pgo.GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
