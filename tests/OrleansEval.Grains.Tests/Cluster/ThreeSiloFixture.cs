using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Placement;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Three silos with storage shared across them and the store's balanced placement, so grains really spread and one silo can be
/// stopped while the others carry on.
/// </summary>
public sealed class ThreeSiloFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>One row store for every silo, which outlives any one of them.</summary>
    internal static Grains.Rows.MemoryRowBlobStore RowStore { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 3);
        builder.Options.ClusterId = $"three-silos-{Guid.NewGuid():N}";
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
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseBalancedPlacement();
            siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<SharedGrainStorage>(services));

            // Row parts outlive a stopped silo as its grain state does.
            siloBuilder.Services.AddSingleton<Grains.Rows.IRowBlobStore>(RowStore);
            siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
            siloBuilder.AddOrleansEvalGrains(options =>
            {
                options.PersistInterval = TimeSpan.FromMinutes(10);
                options.ModelCacheTtl = TimeSpan.Zero;

                // These tests drive the store's clock and evaluate monitors themselves; ingest must not evaluate them in between.
                options.EvaluateOnIngest = false;

                // Small label-join segments, so every scenario fills, closes and reloads several of them.
                options.JoinSegmentRows = 100;
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ThreeSiloGroup : ICollectionFixture<ThreeSiloFixture>
{
    public const string Name = "three silos";
}
