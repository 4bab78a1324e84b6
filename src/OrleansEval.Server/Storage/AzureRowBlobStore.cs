using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using OrleansEval.Grains.Rows;

namespace OrleansEval.Server.Storage;

/// <summary>
/// The row store's parts as block blobs in a container of their own (<c>Storage:RowContainer</c>), through the same
/// <see cref="BlobServiceClient"/> as grain state. The container is created by the first write that finds it missing.
/// </summary>
internal sealed class AzureRowBlobStore(BlobContainerClient container) : IRowBlobStore
{
    public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        UploadAsync(name, blob => blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken), cancellationToken);

    public Task PutAsync(string name, ReadOnlyMemory<byte> content, RowPartTimes times, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { Metadata = RowPartMetadata.Of(times) };
        return UploadAsync(name, blob => blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken), cancellationToken);
    }

    // The part is sent as the stream is read (one request up to the client's single-upload size), from blocks below the
    // large-object threshold; it is read again from where it started if the container had to be created first.
    public Task PutAsync(string name, Stream content, RowPartTimes times, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var options = new BlobUploadOptions { Metadata = RowPartMetadata.Of(times) };
        var start = content.Position;
        return UploadAsync(name, blob =>
        {
            content.Position = start;
            return blob.UploadAsync(content, options, cancellationToken);
        }, cancellationToken);
    }

    // Writes with upload, creating the container when the first write finds it missing.
    private async Task UploadAsync(string name, Func<BlobClient, Task> upload, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        try
        {
            await upload(blob);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await upload(blob);
        }
    }

    public async IAsyncEnumerable<(string Name, RowPartTimes? Times)> ListWithTimesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            yield break;
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
        {
            yield return (blob.Name, RowPartMetadata.TryRead(blob.Metadata));
        }
    }

    public async Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            yield break;
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            yield return blob.Name;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
