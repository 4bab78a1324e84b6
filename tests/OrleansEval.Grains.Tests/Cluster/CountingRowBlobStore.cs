using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrleansEval.Grains.Rows;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Row parts in memory, counting per model how many times a row reader listed its parts: every read of kept rows lists
/// the parts of each series it reads, so a count that did not move means no row was read; and the parts written.
/// </summary>
internal sealed class CountingRowBlobStore : IRowBlobStore
{
    private readonly MemoryRowBlobStore _store = new();
    private readonly ConcurrentDictionary<string, long> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReadHold> _holds = new(StringComparer.Ordinal);
    private long _puts;
    private long _bytes;

    /// <summary>How many times the parts of a series of <paramref name="modelId"/> were listed for a read.</summary>
    public long Reads(string modelId) => _reads.GetValueOrDefault(modelId);

    /// <summary>Holds the next read of <paramref name="modelId"/>'s rows when it lists their parts; the reads after it go on.</summary>
    public ReadHold HoldNextRead(string modelId)
    {
        var hold = new ReadHold();
        _holds[modelId] = hold;
        return hold;
    }

    /// <summary>Parts written, and their bytes, since the store was made.</summary>
    public (long Puts, long Bytes) Written => (Interlocked.Read(ref _puts), Interlocked.Read(ref _bytes));

    public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Count(content);
        return _store.PutAsync(name, content, cancellationToken);
    }

    public Task PutAsync(string name, ReadOnlyMemory<byte> content, RowPartTimes times, CancellationToken cancellationToken)
    {
        Count(content);
        return _store.PutAsync(name, content, times, cancellationToken);
    }

    public async IAsyncEnumerable<(string Name, RowPartTimes? Times)> ListWithTimesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = prefix.Split('/')[0];
        _reads.AddOrUpdate(model, 1, (_, count) => count + 1);
        if (_holds.TryRemove(model, out var hold))
        {
            await hold.HoldAsync(cancellationToken);
        }

        await foreach (var part in _store.ListWithTimesAsync(prefix, cancellationToken))
        {
            yield return part;
        }
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken) => _store.GetAsync(name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => _store.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => _store.DeleteAsync(name, cancellationToken);

    private void Count(ReadOnlyMemory<byte> content)
    {
        Interlocked.Increment(ref _puts);
        Interlocked.Add(ref _bytes, content.Length);
    }
}
