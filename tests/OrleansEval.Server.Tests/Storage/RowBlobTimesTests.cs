using Azure.Storage.Blobs;
using OrleansEval.Grains.Rows;
using OrleansEval.Server.Storage;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>
/// On Azurite, a part written with its event-time span lists with it (blob metadata), so a read learns which parts can
/// hold its window without downloading them; a part written without one lists without one; and a part sent as a stream
/// (how the row grain sends them, never one contiguous buffer) is stored from the stream's position, its span beside it,
/// even when its write is the one that finds the container missing and sends it again.
/// </summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class RowBlobTimesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task APartWrittenWithItsSpan_ListsWithIt_AndOneWrittenWithoutListsWithout()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"rows-{Guid.NewGuid():N}");
        IRowBlobStore store = new AzureRowBlobStore(container);
        var times = new RowPartTimes(new DateTimeOffset(2015, 7, 1, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(1234), new DateTimeOffset(2015, 7, 1, 0, 0, 0, TimeSpan.Zero));

        await store.PutAsync("m/v1/production/2015-07-01/rows-0000000000.parquet", new byte[] { 1, 2, 3 }, times, CancellationToken.None);
        await store.PutAsync("m/v1/production/2015-07-01/rows-0000000001.parquet", new byte[] { 4 }, CancellationToken.None);
        var listed = new List<(string Name, RowPartTimes? Times)>();
        await foreach (var entry in store.ListWithTimesAsync("m/v1/production/", CancellationToken.None))
        {
            listed.Add(entry);
        }

        Assert.Equal(
            [("m/v1/production/2015-07-01/rows-0000000000.parquet", (RowPartTimes?)times), ("m/v1/production/2015-07-01/rows-0000000001.parquet", null)],
            listed);
        Assert.Equal([1, 2, 3], await store.GetAsync(listed[0].Name, CancellationToken.None));
    }

    [Fact]
    public async Task APartSentAsAStream_ToAContainerNotYetMade_IsStoredFromItsPosition_WithItsSpan()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"rows-{Guid.NewGuid():N}");
        IRowBlobStore store = new AzureRowBlobStore(container);
        var times = new RowPartTimes(new DateTimeOffset(2015, 7, 2, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2015, 7, 2, 1, 0, 0, TimeSpan.Zero));
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        using var content = new MemoryStream(bytes);
        content.Position = 1_000;

        await store.PutAsync("m/v1/production/2015-07-02/rows-0000000000.parquet", content, times, CancellationToken.None);

        Assert.Equal(bytes[1_000..], await store.GetAsync("m/v1/production/2015-07-02/rows-0000000000.parquet", CancellationToken.None));
        var listed = await store.ListWithTimesAsync("m/v1/production/2015-07-02/", CancellationToken.None).ToListAsync();
        Assert.Equal([("m/v1/production/2015-07-02/rows-0000000000.parquet", (RowPartTimes?)times)], listed);
    }
}
