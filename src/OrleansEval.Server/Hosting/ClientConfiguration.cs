using Azure.Data.Tables;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Composes the Orleans client of a gateway-only process from the "Cluster" and "Storage" sections: Azure Table
/// membership (the silos' own table, found by cluster and service id), or a localhost silo's gateway port.
/// </summary>
public static class ClientConfiguration
{
    /// <summary>Configures <paramref name="client"/> to find the cluster the silos of this configuration form.</summary>
    public static IClientBuilder UseOrleansEvalClient(this IClientBuilder client, IConfiguration configuration, string? storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (cluster.Membership == ClusterOptions.AzureTableMembership)
        {
            var connectionString = storage.ConnectionString ?? storageConnectionString
                ?? throw new InvalidOperationException("Storage:ConnectionString is required for a gateway with Azure Table membership: it names the table the silos register in.");
            var tables = new TableServiceClient(connectionString);
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

        client.UseConnectionRetryFilter<ClusterConnectionRetry>();
        return client;
    }
}
