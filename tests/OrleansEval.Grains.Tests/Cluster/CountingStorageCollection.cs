namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// The test classes that read and reset <see cref="CountingGrainStorage"/>'s counts, or have it refuse a write: one at a
/// time, since its records, counts and refusal are shared by every cluster in the process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CountingStorageCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "counting storage";
}
