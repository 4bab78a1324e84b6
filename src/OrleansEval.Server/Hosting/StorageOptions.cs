namespace OrleansEval.Server.Hosting;

/// <summary>Where grain state lives; bound from the "Storage" section.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Storage";

    /// <summary>"AzureBlob" (default; Azurite in Development) or "Memory" (state is lost when the process ends).</summary>
    public string Provider { get; set; } = AzureBlobProvider;

    /// <summary>Azure Storage connection string; in Development, empty means the local Azurite started by the server.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob container of grain state.</summary>
    public string Container { get; set; } = "orleanseval";

    /// <summary>Azure Blob storage provider name.</summary>
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary>In-memory provider name.</summary>
    public const string MemoryProvider = "Memory";
}
