namespace OrleansEval.Grains.Rows;

/// <summary>
/// Where the row store keeps its parts: named blobs in a container of their own. The host registers one (blob storage
/// in the service); a host that registers none gets one in memory.
/// </summary>
public interface IRowBlobStore
{
    /// <summary>Writes <paramref name="content"/> as blob <paramref name="name"/>, replacing one of that name.</summary>
    Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The content of blob <paramref name="name"/>, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>The names of the blobs that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes blob <paramref name="name"/>; nothing happens when there is none.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
