using Azure.Storage.Blobs;
using OrleansEval.Grains.Rows;
using OrleansEval.Server.Storage;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>
/// On Azurite, a part written with its event-time span lists with it (blob metadata), so a read learns which parts can
/// hold its window without downloading them; a part written without one lists without one.
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
}
