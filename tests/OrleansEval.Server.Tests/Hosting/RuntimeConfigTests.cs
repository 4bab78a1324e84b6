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

    // Both were measured against the runtime's defaults and lost (docs/architecture.md, "Runtime
    // settings"); a change that sets them again should come with figures that say otherwise.
    [Fact]
    public void ServerRuntimeConfig_KeepsTheServerCollector_AndTheRuntimesTieredCompilation()
    {
        var properties = ConfigProperties();

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.TryGetProperty("System.Runtime.TieredPGO", out _), "the server's runtimeconfig.json overrides the runtime's tiered PGO");
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out _), "the server's runtimeconfig.json overrides the runtime's tiered compilation");
    }
}
