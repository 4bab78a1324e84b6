namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>Tests that read the runtime's allocation events run alone, so that no other test allocates beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JoinIndexLargeObjectCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "large objects, alone";
}
