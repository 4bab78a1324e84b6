using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using OrleansEval.Alerts;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Placement;
using OrleansEval.Grains.Rows;
using OrleansEval.Server.Storage;

namespace OrleansEval.Server.Hosting;

/// <summary>Composes the silo from configuration: membership, grain storage, the row store and the evaluation store's grains.</summary>
public static class SiloConfiguration
{
    /// <summary>
    /// Configures <paramref name="silo"/> from the "Cluster" and "Storage" sections; activations are spread evenly over
    /// the silos (see <see cref="BalancedPlacementDirector"/>).
    /// </summary>
    public static ISiloBuilder UseOrleansEvalServer(this ISiloBuilder silo, IConfiguration configuration, IHostEnvironment environment, string? storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = storage.ConnectionString ?? storageConnectionString;

        if (cluster.Membership == ClusterOptions.AzureTableMembership)
        {
            var tables = new TableServiceClient(connectionString ?? throw MissingConnectionString());
            silo.UseAzureStorageClustering(options => options.TableServiceClient = tables)
                .ConfigureOrleansEvalEndpoints(cluster, environment.IsDevelopment())
                .Configure<Orleans.Configuration.ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
            if (KubernetesHosting.IsEnabled(cluster))
            {
                silo.UseKubernetesHosting();
            }
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }

        if (storage.Provider == StorageOptions.MemoryProvider)
        {
            silo.AddOrleansEvalMemoryStorage()
                .AddMemoryGrainStorage(PubSubStore)
                .AddMemoryStreams(AlertStreams.Provider)
                .UseInMemoryReminderService();
        }
        else
        {
            var blobs = new BlobServiceClient(connectionString ?? throw MissingConnectionString(), StorageRetries.BlobOptions());
            silo.Services.AddSingleton<IRowBlobStore>(new AzureRowBlobStore(blobs.GetBlobContainerClient(storage.RowContainerName)));
            silo.AddAzureBlobGrainStorage(StorageNames.State, options => options.Configure<IServiceProvider>((blob, services) =>
            {
                blob.BlobServiceClient = blobs;
                blob.ContainerName = storage.Container;

                // A cleared record (an expired label-join segment) frees its blob rather than leaving an empty one.
                blob.DeleteStateOnClear = true;

                // Orleans' own version-tolerant binary format: state types are [GenerateSerializer] with numbered
                // members, and sketches are already bytes, so no JSON round trip is needed or wanted. Log and join
                // segments are compressed unless OrleansEval:SegmentCompression is None.
                blob.GrainStorageSerializer = OrleansEval.Grains.Persistence.CompressingStateSerializer.Create(services);
            }));
            silo.AddAzureBlobGrainStorage(PubSubStore, options => options.Configure(blob =>
            {
                blob.BlobServiceClient = blobs;
                blob.ContainerName = storage.Container + "-pubsub";
            }));

            // Alerts are rare: one queue polled twice a second is plenty, and cheap on the storage account.
            var queues = new QueueServiceClient(connectionString);
            silo.AddAzureQueueStreams(AlertStreams.Provider, configurator =>
            {
                configurator.ConfigureAzureQueue(queue => queue.Configure(options =>
                {
                    options.QueueServiceClient = queues;
                    options.QueueNames = [$"{storage.Container}-alerts"];
                }));
                configurator.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(500)));
            });
            var reminderTables = new TableServiceClient(connectionString);
            silo.UseAzureTableReminderService(options => options.Configure(reminders => reminders.TableServiceClient = reminderTables));
        }

        return silo.UseBalancedPlacement().AddOrleansEvalGrains();
    }

    /// <summary>Storage of stream subscriptions, which Orleans streams need.</summary>
    public const string PubSubStore = "PubSubStore";

    private static InvalidOperationException MissingConnectionString() =>
        new("Storage:ConnectionString is required outside Development (where the local Azurite is used).");
}
