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

    /// <summary>Blob container of the row store's Parquet parts; empty means <see cref="Container"/> followed by <c>-rows</c>.</summary>
    public string? RowContainer { get; set; }

    /// <summary>The row store's container: <see cref="RowContainer"/>, or <see cref="Container"/> followed by <c>-rows</c>.</summary>
    public string RowContainerName => string.IsNullOrEmpty(RowContainer) ? $"{Container}-rows" : RowContainer;

    /// <summary>Azure Blob storage provider name.</summary>
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary>In-memory provider name.</summary>
    public const string MemoryProvider = "Memory";
}
