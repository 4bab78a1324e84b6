using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansEval.Grains.Hosting;
using OrleansEval.Testing;

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
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>One clock for every silo of the cluster, moved by the tests; nothing in the store reads the system clock.</summary>
    public static ManualClock Clock { get; } = new(new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>One row store for every silo of the cluster, as a blob container is one for every silo of a service.</summary>
    internal static CountingRowBlobStore RowStore { get; } = new();

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder
                .ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock).AddSingleton<Grains.Rows.IRowBlobStore>(RowStore))
                .AddOrleansEvalMemoryStorage()
                .AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider)
                .UseInMemoryReminderService()
                .AddIncomingGrainCallFilter<GrainCallCounter>()
                .AddOrleansEvalGrains(options =>
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

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
