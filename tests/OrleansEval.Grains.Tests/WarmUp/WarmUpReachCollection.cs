namespace OrleansEval.Grains.Tests.WarmUp;

/// <summary>Tests that count how often this process ran a question's steps run alone, so that no other test runs them beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WarmUpReachCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "warm-up reach, alone";
}
