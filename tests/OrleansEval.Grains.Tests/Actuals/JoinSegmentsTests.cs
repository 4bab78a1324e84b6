using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansEval.Actuals;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// A join shard's segments over a window of many more sealed segments than its cache: a lookup consults only the
/// segments the window's index names — none for a new id — however many there are; an id sent again and an id scored by
/// two versions are found in each of their segments; a reactivation rebuilds the index from the stored filters and
/// answers the same; an expired segment leaves the index.
/// </summary>
public sealed class JoinSegmentsTests : IDisposable
{
    private const int SegmentRows = 5;
    private const int Segments = 200;

    private static readonly GrainId Shard = GrainId.Create("labeljoin", "model/0");
    private static readonly SeriesId Champion = new("v1", "production");
    private static readonly SeriesId Challenger = new("v2", "production");
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CountingJoinStorage _store = new();
    private readonly JoinState _head = new();

    [Fact]
    public async Task FindAll_OfNewIds_AmongTwoHundredSealedSegments_ConsultsNoSealedSegment()
    {
        var segments = await FilledAsync();
        var ids = Ids("new", 0, 1_000);

        var before = segments.Probes;
        await segments.ReadForAsync(ids);
        Assert.All(ids, id => Assert.Empty(segments.FindAll(id)));

        Assert.True(segments.Footprint(0).Segments > Segments, "the window holds the segments");
        Assert.Equal(0, segments.Probes - before);
        Assert.InRange(segments.Footprint(0).SegmentsInMemory, 1, 5);
    }

    [Fact]
    public async Task FindAll_OfTheIdsJustRead_InTheirOrder_AnswersAsAFreshLookup_ThroughSegmentsSealedByTheBatch()
    {
        // Five rows a segment: joining this batch seals five segments while its ids are looked up (the first, full before
        // it, at its first row), some of them ids of the batch itself or of sealed segments before it; only the first
        // lookup comes before a seal, so only it is served from the read.
        var segments = await ReloadAsync();
        Append(segments, Batch(Champion, Ids("p", 0, 40)), null, Start);
        await segments.PersistAsync();
        var batch = Batch(Champion, [.. Ids("p", 10, 6), .. Ids("q", 0, 8), .. Ids("q", 2, 4), "p-39", .. Ids("r", 0, 4)]);

        var found = await JoinAsAFreshLookupAsync(segments, batch);

        Assert.Equal(Enumerable.Range(0, batch.Count).Select(i => i < 6 || i is >= 14 and <= 18), found);
        Assert.Equal(1, segments.ReusedLookups);
    }

    [Fact]
    public async Task FindAll_OfTheIdsJustRead_InTheirOrder_TakesWhatTheReadFound_UntilSegmentsAreDropped()
    {
        // Ten rows a segment: four sealed and an open one of five rows; a batch of five fills the open one without sealing
        // it, so every lookup of the join is served from the read, and answers as a fresh one.
        var segments = await ReloadAsync(segmentRows: 10);
        Append(segments, Batch(Champion, Ids("p", 0, 45)), null, Start);
        await segments.PersistAsync();
        var batch = Batch(Champion, ["p-10", "q-0", "q-0", "p-42", "p-21"]);

        var found = await JoinAsAFreshLookupAsync(segments, batch);

        Assert.Equal([true, false, true, true, true], found);
        Assert.Equal(batch.Count, segments.ReusedLookups);
        Assert.Equal(5, segments.Footprint(0).Segments);

        // Read again, then the window passes every segment by: what the read found names dropped segments, so the join
        // looks afresh and finds nothing of them.
        var late = Batch(Champion, ["p-10", "p-42"]);
        List<string> ids = [late.PredictionId(0), late.PredictionId(1)];
        await segments.ReadForAsync(ids);
        Assert.True(segments.Expire(Start + Window + TimeSpan.FromSeconds(1), Window));
        Assert.Equal(0, segments.Footprint(0).Segments);
        Assert.Empty(segments.FindAll(ids[0]));
        Assert.Empty(segments.FindAll(ids[1]));
        Assert.Equal(5, segments.ReusedLookups);
    }

    [Fact]
    public async Task FiltersStoredWithoutChecks_AreReadBack_AndTheirSegmentsStillFound()
    {
        // Filters of the layout before checks hold hashes alone: a reload indexes them so that their ids are all found.
        var segments = await FilledAsync();
        var stored = 0;
        for (var number = 0; number < Segments; number++)
        {
            var filter = new GrainState<JoinSegmentFilter>();
            await _store.ReadStateAsync($"join-filter-{number}", Shard, filter);
            if (filter.RecordExists)
            {
                // What Of stored: each row's key, its hash and check, sorted; then the record as a filter without checks.
                var keys = Ids("p", number * SegmentRows, SegmentRows).Select(JoinSegmentFilter.KeyOf).Order();
                Assert.True(filter.State!.Checked);
                Assert.Equal(keys, filter.State.Hashes.Zip(filter.State.Checks, (h, c) => ((ulong)h << JoinSegmentFilter.CheckBits) | c));
                filter.State.Checks = null!;
                await _store.WriteStateAsync($"join-filter-{number}", Shard, filter);
                stored++;
            }
        }

        Assert.True(stored > Segments / 2, $"{stored} filters stored");
        var reloaded = await ReloadAsync();
        var old = Ids("p", 0, Segments * SegmentRows).Where((_, i) => i % 3 == 0).ToList();
        var before = reloaded.Probes;
        await reloaded.ReadForAsync(old);
        foreach (var id in old)
        {
            var row = Assert.Single(reloaded.FindAll(id));
            Assert.Equal(id, row.Rows.PredictionId(row.Row));
        }

        Assert.Equal(old.Count, reloaded.Probes - before);
    }

    [Fact]
    public async Task FindAll_OfOldIds_ConsultsOnlyTheirSegment_AndAnActualSetOnceIsStored()
    {
        var segments = await FilledAsync();
        var oldest = Ids("p", 0, 50);

        var before = segments.Probes;
        await segments.ReadForAsync(oldest);
        foreach (var id in oldest)
        {
            var found = Assert.Single(segments.FindAll(id));
            JoinSegments.SetActual(found, new JoinActual("1", double.NaN));
        }

        Assert.Equal(oldest.Count, segments.Probes - before);
        await segments.PersistAsync();
        var reloaded = await ReloadAsync();
        await reloaded.ReadForAsync(Ids("p", 0, 100));
        Assert.All(Ids("p", 0, 100), id => Assert.Equal(oldest.Contains(id) ? "1" : null, ActualOf(Assert.Single(reloaded.FindAll(id)))));
    }

    [Fact]
    public async Task FindAll_OfAnIdSentAgainAndOneScoredByTwoVersions_AnswersTheCurrentRowOfEachSeries_BeforeAndAfterAReload()
    {
        var segments = await FilledAsync();
        Append(segments, Batch(Champion, ["p-7"]), new JoinActual("1", double.NaN), Start);
        Append(segments, Batch(Challenger, ["p-12"]), null, Start);
        Append(segments, Batch(Champion, Ids("filler", 0, 3 * SegmentRows)), null, Start);

        await Check(segments);
        await segments.PersistAsync();
        await Check(await ReloadAsync());

        static async Task Check(JoinSegments segments)
        {
            await segments.ReadForAsync(["p-7", "p-12"]);
            Assert.Equal("1", ActualOf(Assert.Single(segments.FindAll("p-7"))));

            var both = segments.FindAll("p-12");
            Assert.Equal(new[] { Challenger, Champion }, both.Select(r => r.Rows.Series(r.Row)).ToArray());
            Assert.True(both[0].Slot.Number > both[1].Slot.Number, "the newer row comes first");
        }
    }

    [Fact]
    public async Task FindAll_IntoOneList_OfABatchOfNewAndHeldIds_AllocatesNothingALookup_AndAnswersAsTheListItMakes()
    {
        var segments = await FilledAsync();
        List<string> ids = [.. Ids("new", 0, 500), .. Ids("p", 0, 500)];
        await segments.ReadForAsync(ids);
        var found = new List<JoinRow>(2);
        foreach (var id in ids)
        {
            // The first lookup in a segment builds its map of ids, once; the same rows as the list FindAll makes.
            segments.FindAll(id, found);
            Assert.Equal(segments.FindAll(id), found);
        }

        var least = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var held = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var id in ids)
            {
                segments.FindAll(id, found);
                held += JoinSegments.IndexOfSeries(found, Champion) >= 0 && JoinSegments.FirstActual(found) is null ? 1 : 0;
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(500, held);
        }

        // The list FindAll(string) makes, and the iterator over a segment's rows it used, were about 100 bytes a lookup.
        Assert.True(least < ids.Count * 8, $"{least} bytes allocated for {ids.Count} lookups");
    }

    [Fact]
    public async Task Reload_RebuildsTheIndexFromTheStoredFilters_AndAnswersEveryIdAsBefore()
    {
        var segments = await FilledAsync();
        var ids = Ids("p", 0, Segments * SegmentRows);
        await segments.PersistAsync();

        var reloaded = await ReloadAsync();
        var (before, after) = (segments.Footprint(0), reloaded.Footprint(0));
        Assert.Equal((before.Rows, before.Segments, before.FilterBytes, before.IndexBytes), (after.Rows, after.Segments, after.FilterBytes, after.IndexBytes));
        await reloaded.ReadForAsync(ids);
        foreach (var id in ids)
        {
            var row = Assert.Single(reloaded.FindAll(id));
            Assert.Equal(id, row.Rows.PredictionId(row.Row));
        }

        Assert.Equal(ids.Count, reloaded.Probes);
    }

    [Fact]
    public async Task Expire_DropsOldSegmentsFromTheIndex_AndKeepsFindingTheRest()
    {
        var segments = await FilledAsync();
        Append(segments, Batch(Champion, Ids("recent", 0, Segments * SegmentRows)), null, Start + TimeSpan.FromDays(7));
        var indexed = segments.Footprint(0).IndexBytes;

        Assert.True(segments.Expire(Start + Window + TimeSpan.FromSeconds(1), Window));
        await segments.PersistAsync();

        Assert.Equal(Segments * SegmentRows, segments.Count);
        var before = segments.Probes;
        await segments.ReadForAsync(Ids("p", 0, Segments * SegmentRows));
        Assert.All(Ids("p", 0, Segments * SegmentRows), id => Assert.Empty(segments.FindAll(id)));
        Assert.Equal(0, segments.Probes - before);
        await segments.ReadForAsync(Ids("recent", 0, 20));
        Assert.All(Ids("recent", 0, 20), id => Assert.Single(segments.FindAll(id)));
        Assert.True(segments.Footprint(0).IndexBytes <= indexed);

        var reloaded = await ReloadAsync();
        Assert.Equal(Segments * SegmentRows, reloaded.Count);
    }

    [Fact]
    public async Task Index_OfTwoHundredThousandPredictions_TakesUnderFourBytesEach_AndNamesOnlyTheirSegments_BeforeAndAfterAReloadAndAnEpochsExpiry()
    {
        const int rows = 4_096;
        var segments = await ReloadAsync(segmentRows: rows);
        Append(segments, Batch(Champion, Ids("old", 0, 200_000)), null, Start);
        Append(segments, Batch(Champion, Ids("recent", 0, 3 * rows)), null, Start + TimeSpan.FromDays(2));
        Assert.True(segments.Footprint(0).IndexBytes >= JoinSegmentFilter.BytesPerRow * rows, "the keys of filters not yet stored are counted");
        await segments.PersistAsync();

        await AssertIndexedAsync(segments, "old");
        var reloaded = await ReloadAsync(segmentRows: rows);
        Assert.Equal((segments.Footprint(0).IndexBytes, segments.Epochs), (reloaded.Footprint(0).IndexBytes, reloaded.Epochs));
        await AssertIndexedAsync(reloaded, "old");

        // The old predictions' epochs go with their segments, a fourteenth of the window (their span) at most later; an
        // expired id consults a recent segment only for a false positive (200,000 × 12,288 / 2⁴⁰ ≈ 0.002 expected).
        Assert.True(reloaded.Expire(Start + Window + TimeSpan.FromSeconds(1), Window));
        await reloaded.PersistAsync();
        Assert.InRange(reloaded.Footprint(0).IndexBytes, 1, 4L * 3 * rows);
        var before = reloaded.Probes;
        await reloaded.ReadForAsync(Ids("old", 0, 200_000));
        Assert.All(Ids("old", 0, 200_000), id => Assert.Empty(reloaded.FindAll(id)));
        Assert.InRange(reloaded.Probes - before, 0, 2);
        await AssertIndexedAsync(reloaded, "recent");

        // A shard that deactivates gives its index back: no epoch is left, and no byte of it.
        reloaded.ReleaseIndex();
        Assert.Equal(0, reloaded.Epochs);
        Assert.Equal(0, reloaded.Footprint(0).IndexBytes);

        // Bounded bytes an id, a few epochs, a new id consults a sealed segment only for a false positive, an old id exactly
        // its own segment. 200,000 new ids among 212,288 indexed meet 0.04 false positives expected with 40-bit keys; with
        // the 32-bit hash alone 9.9 were expected and 12 counted, each a read of a segment's rows.
        static async Task AssertIndexedAsync(JoinSegments segments, string prefix)
        {
            var footprint = segments.Footprint(0);
            var sealedRows = footprint.FilterBytes / JoinSegmentFilter.BytesPerRow;
            Assert.True(footprint.IndexBytes <= 4.0 * sealedRows, $"{footprint.IndexBytes / (double)sealedRows:F3} bytes a prediction");
            Assert.InRange(segments.Epochs, 1, 8);

            var before = segments.Probes;
            var fresh = Ids("fresh", 0, 200_000);
            await segments.ReadForAsync(fresh);
            Assert.All(fresh, id => Assert.Empty(segments.FindAll(id)));
            Assert.InRange(segments.Probes - before, 0, 1);

            before = segments.Probes;
            var old = Ids(prefix, 0, 4_096).Where((_, i) => i % 7 == 0).ToList();
            await segments.ReadForAsync(old);
            foreach (var id in old)
            {
                var row = Assert.Single(segments.FindAll(id));
                Assert.Equal(id, row.Rows.PredictionId(row.Row));
            }

            Assert.InRange(segments.Probes - before, old.Count, old.Count + 2);
            segments.EvictToBudget();
        }
    }

    [Fact]
    public async Task OpenSegment_PersistedTickByTick_IsStoredAsChunks_ThatAReloadMerges_AndThatGoOnceItIsSealed()
    {
        var segments = await ReloadAsync(segmentRows: 100);
        for (var tick = 0; tick < 4; tick++)
        {
            Append(segments, Batch(Champion, Ids("p", tick * 20, 20)), null, Start);
            await segments.PersistAsync();
        }

        // A late actual for a row of the second chunk writes that chunk again, not the segment.
        await segments.ReadForAsync(["p-25"]);
        JoinSegments.SetActual(Assert.Single(segments.FindAll("p-25")), new JoinActual("1", double.NaN));
        await segments.PersistAsync();
        Assert.Equal(4, ChunkNames().Count);
        Assert.DoesNotContain(_store.Names, n => n.StartsWith("join-segment-", StringComparison.Ordinal));

        var reloaded = await ReloadAsync(segmentRows: 100);
        Assert.Equal(80, reloaded.Count);
        await reloaded.ReadForAsync(Ids("p", 0, 80));
        Assert.All(Ids("p", 0, 80), id => Assert.Equal(id == "p-25" ? "1" : null, ActualOf(Assert.Single(reloaded.FindAll(id)))));

        Append(reloaded, Batch(Champion, Ids("p", 80, 30)), null, Start);
        await reloaded.PersistAsync();
        Assert.Equal(new[] { "join-chunk-1-0" }, ChunkNames());
        var sealedOnce = await ReloadAsync(segmentRows: 100);
        await sealedOnce.ReadForAsync(Ids("p", 0, 110));
        Assert.All(Ids("p", 0, 110), id => Assert.Equal(id == "p-25" ? "1" : null, ActualOf(Assert.Single(sealedOnce.FindAll(id)))));
    }

    [Fact]
    public async Task Seal_WhenTheChunksCannotBeDeleted_LeavesThemStale_AndAReloadDoesNotCountTheirRowsTwice()
    {
        var segments = await ReloadAsync(segmentRows: 50);
        Append(segments, Batch(Champion, Ids("p", 0, 30)), null, Start);
        await segments.PersistAsync();
        Append(segments, Batch(Champion, Ids("p", 30, 30)), null, Start);

        _store.Refusing = "join-chunk-";
        await Assert.ThrowsAsync<IOException>(() => segments.PersistAsync());
        _store.Refusing = null;

        // The sealed segment's rows were written, its chunks not deleted; the next segment was never written (the ingest
        // log applies its rows again, since the shard's record was not written either).
        var reloaded = await ReloadAsync(segmentRows: 50);
        Assert.Equal(50, reloaded.Count);
        await reloaded.ReadForAsync(Ids("p", 0, 50));
        Assert.All(Ids("p", 0, 50), id => Assert.Single(reloaded.FindAll(id)));
        await reloaded.PersistAsync();
        Assert.Empty(ChunkNames());
        Assert.Equal(50, (await ReloadAsync(segmentRows: 50)).Count);
    }

    [Fact]
    public async Task OpenSegment_OfASlowModel_IsWrittenWholeOnceItHasTheMostChunks_AndReloadsWhole()
    {
        var segments = await ReloadAsync(segmentRows: 4_096);
        for (var tick = 0; tick < JoinSegmentChunks.MaxChunks + 10; tick++)
        {
            Append(segments, Batch(Champion, [$"slow-{tick}"]), null, Start);
            await segments.PersistAsync();
            Assert.InRange(ChunkNames().Count, 0, JoinSegmentChunks.MaxChunks);
        }

        Assert.Contains(_store.Names, n => n.StartsWith("join-segment-0/", StringComparison.Ordinal));
        var reloaded = await ReloadAsync(segmentRows: 4_096);
        Assert.Equal(JoinSegmentChunks.MaxChunks + 10, reloaded.Count);
        await reloaded.ReadForAsync(Ids("slow", 0, JoinSegmentChunks.MaxChunks + 10));
        Assert.All(Ids("slow", 0, JoinSegmentChunks.MaxChunks + 10), id => Assert.Single(reloaded.FindAll(id)));
    }

    public void Dispose() => _services.Dispose();

    private List<string> ChunkNames() => [.. _store.Names.Where(n => n.StartsWith("join-chunk-", StringComparison.Ordinal)).Select(n => n[..n.IndexOf('/', StringComparison.Ordinal)]).Order(StringComparer.Ordinal)];

    private static string? ActualOf(JoinRow row) => row.Rows.Actual(row.Row)?.Label;

    // Reads the batch's ids, then joins them as a registration does, each looked up first as another string (which the
    // lookups the read kept do not serve) and then as the string read, the two answers the same; whether each found a row.
    private static async Task<List<bool>> JoinAsAFreshLookupAsync(JoinSegments segments, PendingPredictions batch)
    {
        var ids = Enumerable.Range(0, batch.Count).Select(batch.PredictionId).ToList();
        await segments.ReadForAsync(ids);
        var (taken, fresh, found) = (new List<JoinRow>(), new List<JoinRow>(), new List<bool>());
        for (var i = 0; i < ids.Count; i++)
        {
            segments.FindAll(new string(ids[i].AsSpan()), fresh);
            segments.FindAll(ids[i], taken);
            Assert.Equal(fresh, taken);
            found.Add(taken.Count > 0);
            segments.Append(batch, i, null, Start);
        }

        return found;
    }

    private static List<string> Ids(string prefix, int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"{prefix}-{i}")];

    private static PendingPredictions Batch(SeriesId series, IEnumerable<string> ids)
    {
        var batch = new PendingPredictions();
        foreach (var id in ids)
        {
            batch.Add(id, series, 0, [new SliceKey("all", "all")], 0.5, "1", double.NaN, null);
        }

        return batch;
    }

    private static void Append(JoinSegments segments, PendingPredictions batch, JoinActual? actual, DateTimeOffset now)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            segments.Append(batch, row, actual, now);
        }
    }

    // A window of two hundred sealed segments of five rows each ("p-0" to "p-999"), written, plus an open one.
    private async Task<JoinSegments> FilledAsync()
    {
        var segments = await ReloadAsync();
        Append(segments, Batch(Champion, Ids("p", 0, Segments * SegmentRows)), null, Start);
        Append(segments, Batch(Champion, ["open"]), null, Start);
        await segments.PersistAsync();
        return segments;
    }

    // A new activation's segments over the same storage and head (the head as the shard's record would hold it).
    private async Task<JoinSegments> ReloadAsync(int segmentRows = SegmentRows)
    {
        var writes = new StateWrites(TimeProvider.System, Options.Create(new OrleansEvalOptions()), _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var segments = new JoinSegments(_store, Shard, _head, segmentRows, 4, Window / 14, writes.For("join", NullLogger.Instance));
        await segments.LoadAsync();
        return segments;
    }
}
