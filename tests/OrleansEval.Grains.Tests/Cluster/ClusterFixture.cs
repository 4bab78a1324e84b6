using Orleans.TestingHost;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>One in-process cluster of two silos with memory storage, shared by every test in the collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Options.ClusterId = $"grains-tests-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-tests";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder
                .AddMemoryGrainStorage(StorageNames.State)
                .AddIncomingGrainCallFilter<GrainCallCounter>()
                .AddOrleansEvalGrains(options =>
                {
                    options.PersistInterval = TimeSpan.FromMinutes(10);
                    options.ModelCacheTtl = TimeSpan.Zero;
                });
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
