using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrleansEval.Grains.Rows;

/// <summary>Row parts in process memory, for the <c>Memory</c> storage provider and tests: lost when the process ends.</summary>
internal sealed class MemoryRowBlobStore : IRowBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RowPartTimes> _times = new(StringComparer.Ordinal);

    public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        _blobs[name] = content.ToArray();
        _times.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task PutAsync(string name, ReadOnlyMemory<byte> content, RowPartTimes times, CancellationToken cancellationToken)
    {
        _blobs[name] = content.ToArray();
        _times[name] = times;
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<(string Name, RowPartTimes? Times)> ListWithTimesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var name in ListAsync(prefix, cancellationToken))
        {
            yield return (name, _times.TryGetValue(name, out var times) ? times : null);
        }
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(name, out var content) ? content : null);

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var name in _blobs.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        _blobs.TryRemove(name, out _);
        _times.TryRemove(name, out _);
        return Task.CompletedTask;
    }
}
