namespace OrleansEval.Server.Tests.Storage;

/// <summary>The xunit collection of storage tests: they share one in-memory Azurite and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTestGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
