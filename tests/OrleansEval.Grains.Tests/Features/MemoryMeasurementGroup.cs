namespace OrleansEval.Grains.Tests.Features;

/// <summary>Tests that read the process's live heap run alone, after the others, so no other test's objects count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementGroup
{
    public const string Name = "memory measurement";
}
