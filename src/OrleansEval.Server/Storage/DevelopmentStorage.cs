using OrleansEval.Server.Hosting;

namespace OrleansEval.Server.Storage;

/// <summary>
/// The storage a development host runs against: in Development, with Azure Blob storage and no connection string, the
/// local Azurite (reused if it already listens, else installed and started) for a process that hosts grains, or for a
/// gateway-only one told to (<c>Azurite:Start</c>); otherwise nothing to start.
/// </summary>
public sealed class DevelopmentStorage : IAsyncDisposable
{
    private readonly AzuriteLauncher? _azurite;

    private DevelopmentStorage(AzuriteLauncher? azurite) => _azurite = azurite;

    /// <summary>Connection string of the Azurite this host uses, or null when configuration names the storage.</summary>
    public string? ConnectionString => _azurite?.ConnectionString;

    /// <summary>Starts Azurite when the configuration, the environment and the process's <paramref name="role"/> call for it.</summary>
    public static async Task<DevelopmentStorage> StartAsync(IConfiguration configuration, IHostEnvironment environment, ServerRole role, ILogger logger)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var options = configuration.GetSection(AzuriteOptions.SectionName).Get<AzuriteOptions>() ?? new AzuriteOptions();
        var needsAzurite = environment.IsDevelopment()
            && storage.Provider == StorageOptions.AzureBlobProvider
            && string.IsNullOrEmpty(storage.ConnectionString)
            && (options.Start ?? role.HostsGrains());
        if (!needsAzurite)
        {
            return new DevelopmentStorage(null);
        }

        return new DevelopmentStorage(await AzuriteLauncher.StartForDevelopmentAsync(options, logger));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
