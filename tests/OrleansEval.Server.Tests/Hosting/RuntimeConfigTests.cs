using System.Text.Json;
using System.Xml.Linq;
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

    // A published server starts with its code compiled ahead of time, so a fresh process does not compile the ingest path
    // while it ingests (docs/architecture.md, "Runtime settings"); the publish reads the setting from the project.
    [Fact]
    public void ServerProject_PublishesReadyToRun()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansEval.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var project = XDocument.Load(Path.Combine(directory.FullName, "src", "OrleansEval.Server", "OrleansEval.Server.csproj"));
        var setting = project.Descendants("PublishReadyToRun").SingleOrDefault();
        Assert.True(setting is not null && bool.Parse(setting.Value), "the server's project does not publish ReadyToRun");
    }
}
