using OrleansEval.Grains.Rows;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// A row store in memory that outlives the clusters of a test and can be told to refuse writes, as a blob container
/// that cannot be reached would. Used by one test at a time.
/// </summary>
internal sealed class RefusingRowBlobStore : IRowBlobStore
{
    private readonly MemoryRowBlobStore _blobs = new();
    private volatile bool _refusing;

    /// <summary>While true, writes throw.</summary>
    public bool RefuseWrites
    {
        get => _refusing;
        set => _refusing = value;
    }

    public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        _refusing ? throw new IOException($"the row store refused the write of '{name}'") : _blobs.PutAsync(name, content, cancellationToken);

    public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken) => _blobs.GetAsync(name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => _blobs.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => _blobs.DeleteAsync(name, cancellationToken);
}
