using Azure.Data.Tables;
using Azure.Storage.Queues;
using OrleansEval.Alerts;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Composes the Orleans client of a gateway-only process from the "Cluster" and "Storage" sections: Azure Table
/// membership (the silos' own table, found by cluster and service id) or a localhost silo's gateway port, and the
/// alert stream provider the silos publish to.
/// </summary>
public static class ClientConfiguration
{
    /// <summary>Configures <paramref name="client"/> to find the cluster the silos of this configuration form.</summary>
    public static IClientBuilder UseOrleansEvalClient(this IClientBuilder client, IConfiguration configuration, string? storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = storage.ConnectionString ?? storageConnectionString;
        if (cluster.Membership == ClusterOptions.AzureTableMembership)
        {
            var tables = new TableServiceClient(connectionString ?? throw MissingConnectionString("names the table the silos register in"));
            client.UseAzureStorageClustering(options => options.TableServiceClient = tables)
                .Configure<Orleans.Configuration.ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
        }
        else
        {
            client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        // The alert feed subscribes to the silos' alert stream: the client needs the same stream provider.
        if (storage.Provider == StorageOptions.MemoryProvider)
        {
            client.AddMemoryStreams(AlertStreams.Provider);
        }
        else
        {
            var queues = new QueueServiceClient(connectionString ?? throw MissingConnectionString("holds the alert queue"));
            client.AddAzureQueueStreams(AlertStreams.Provider, configurator => configurator.ConfigureAzureQueue(queue => queue.Configure(options =>
            {
                options.QueueServiceClient = queues;
                options.QueueNames = [$"{storage.Container}-alerts"];
            })));
        }

        client.UseConnectionRetryFilter<ClusterConnectionRetry>();
        return client;
    }

    private static InvalidOperationException MissingConnectionString(string why) =>
        new($"Storage:ConnectionString is required for a gateway: the storage account {why}.");
}
