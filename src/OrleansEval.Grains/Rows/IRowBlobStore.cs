namespace OrleansEval.Grains.Rows;

/// <summary>
/// Where the row store keeps its parts: named blobs in a container of their own. The host registers one (blob storage
/// in the service); a host that registers none gets one in memory.
/// </summary>
public interface IRowBlobStore
{
    /// <summary>Writes <paramref name="content"/> as blob <paramref name="name"/>, replacing one of that name.</summary>
    Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a part of rows with the event-time span of its rows kept beside it (blob metadata), so that a listing
    /// tells a reader which parts can hold rows of its window without downloading them. A store without metadata keeps
    /// the content alone (the span is also in the part's own footer).
    /// </summary>
    Task PutAsync(string name, ReadOnlyMemory<byte> content, RowPartTimes times, CancellationToken cancellationToken) =>
        PutAsync(name, content, cancellationToken);

    /// <summary>
    /// Writes a part of rows read from <paramref name="content"/>, from its position to its end, with its span kept
    /// beside it as the overload of bytes does. Blob storage sends the stream as it reads it, so a part of any size
    /// never needs one contiguous buffer (a large object at a part's sizes); this default reads it into one array of its
    /// exact length (a stream that cannot tell its length is copied), for stores that keep the bytes themselves.
    /// </summary>
    async Task PutAsync(string name, Stream content, RowPartTimes times, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek)
        {
            var bytes = new byte[checked((int)(content.Length - content.Position))];
            await content.ReadExactlyAsync(bytes, cancellationToken);
            await PutAsync(name, bytes, times, cancellationToken);
            return;
        }

        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        await PutAsync(name, copy.GetBuffer().AsMemory(0, checked((int)copy.Length)), times, cancellationToken);
    }

    /// <summary>
    /// The blobs that start with <paramref name="prefix"/>, in ordinal order, each with the span it was written with
    /// (null when it was written without one, or the store keeps none).
    /// </summary>
    async IAsyncEnumerable<(string Name, RowPartTimes? Times)> ListWithTimesAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var name in ListAsync(prefix, cancellationToken))
        {
            yield return (name, null);
        }
    }

    /// <summary>The content of blob <paramref name="name"/>, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>The names of the blobs that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes blob <paramref name="name"/>; nothing happens when there is none.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
