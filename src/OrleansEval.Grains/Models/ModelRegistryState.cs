namespace OrleansEval.Grains.Models;

/// <summary>The persisted set of registered model ids.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.ModelRegistryState")]
public sealed class ModelRegistryState
{
    [Id(0)] public SortedSet<string> Models { get; set; } = new(StringComparer.Ordinal);
}
