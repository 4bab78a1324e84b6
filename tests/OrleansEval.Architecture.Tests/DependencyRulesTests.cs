using System.Reflection;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Architecture.Tests;

/// <summary>Keeps the dependencies pointing one way: Sketches ← Grains ← Server; Abstractions ← Grains, Gateway.</summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly Sketches = typeof(OrleansEval.Sketches.Quantiles.KllSketch).Assembly;
    private static readonly Assembly Abstractions = typeof(IModelGrain).Assembly;
    private static readonly Assembly Grains = typeof(OrleansEval.Grains.Hosting.SiloBuilderExtensions).Assembly;
    private static readonly Assembly Gateway = typeof(OrleansEval.Gateway.Hosting.GatewayExtensions).Assembly;

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Sketches_ReferencesNoOrleansAndNoAspNet()
    {
        var forbidden = References(Sketches).Where(n => n.StartsWith("Orleans", StringComparison.Ordinal) || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("OrleansEval", StringComparison.Ordinal));

        Assert.Empty(forbidden);
    }

    [Fact]
    public void Gateway_NeverReferencesGrainsOrSketches()
    {
        Assert.DoesNotContain(Grains.GetName().Name, References(Gateway));
        Assert.DoesNotContain(Sketches.GetName().Name, References(Gateway));
    }

    [Fact]
    public void Abstractions_ReferencesNoImplementationAndNoAspNet()
    {
        var names = References(Abstractions).ToList();

        Assert.DoesNotContain(Grains.GetName().Name, names);
        Assert.DoesNotContain(Sketches.GetName().Name, names);
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Grains_ReferencesNoAspNet()
    {
        Assert.DoesNotContain(References(Grains), n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void GrainImplementations_AreSealedAndInternal()
    {
        var grains = Grains.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.NotEmpty(grains);
        Assert.All(grains, t => Assert.True(t.IsSealed && !t.IsPublic, $"{t.Name} should be sealed and internal"));
    }
}
