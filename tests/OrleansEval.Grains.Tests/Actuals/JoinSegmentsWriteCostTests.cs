using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansEval.Actuals;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Models;
using OrleansEval.Slices;
using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// What persisting a join shard writes: the open segment is stored as chunks, each the rows of one tick, and written
/// whole once when it is sealed, so a row is written about twice whatever the rate. These count the bytes encoded for a
/// model at 1,000 predictions a second (1,250 rows per shard per 5-second tick over 4 shards) and at 100 (125 rows a
/// tick) — a deterministic count, not a timing. Written whole on every tick, the open segment cost 7.7 times the rows
/// at 1,000 a second with segments of 16,384 rows.
/// </summary>
public sealed class JoinSegmentsWriteCostTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 50_000;

    private static readonly GrainId Shard = GrainId.Create("labeljoin", "model/0");
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Theory]
    [InlineData(1_250)]
    [InlineData(125)]
    public async Task Persist_WithTheDefaultSegmentRows_WritesEachRowAtMostTwiceAndAQuarter(int rowsPerTick)
    {
        var once = CountingJoinStorage.SizeOf(new JoinSegment { Rows = Predictions(0, Rows) });
        var written = await BytesWrittenAsync(new OrleansEvalOptions().JoinSegmentRows, rowsPerTick);
        output.WriteLine($"the rows written once: {once * 1_000L / Rows} bytes per 1,000 predictions");
        output.WriteLine($"{rowsPerTick} rows a tick, segments of {new OrleansEvalOptions().JoinSegmentRows} rows: {written * 1_000 / Rows} bytes per 1,000 predictions, {written / (double)once:F2} times the rows");
        var large = await BytesWrittenAsync(16_384, rowsPerTick);
        output.WriteLine($"{rowsPerTick} rows a tick, segments of 16384 rows: {large * 1_000 / Rows} bytes per 1,000 predictions, {large / (double)once:F2} times the rows");

        Assert.InRange(written / (double)once, 1, 2.25);
    }

    public void Dispose() => _services.Dispose();

    private static PendingPredictions Predictions(int from, int count)
    {
        var rows = new PendingPredictions();
        SliceKey[] slices = [new("all", "all"), new("hour", "17"), new("origin", "SJU")];
        for (var i = from; i < from + count; i++)
        {
            rows.Add($"prediction-{i:D12}", new SeriesId("v1", "production"), 1_714_521_600 + (i / 1_000 * 3_600), slices, (i % 100) / 100.0, i % 3 == 0 ? "1" : "0", double.NaN, null);
        }

        return rows;
    }

    // Every tick appends a tick's rows and persists, as the shard's timer does.
    private async Task<long> BytesWrittenAsync(int segmentRows, int rowsPerTick)
    {
        var store = new CountingJoinStorage();
        var writes = new StateWrites(TimeProvider.System, Options.Create(new OrleansEvalOptions()), _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var segments = new JoinSegments(store, Shard, new JoinState(), segmentRows, 4, TimeSpan.FromDays(1), writes.For("join", NullLogger.Instance));
        for (var tick = 0; tick < Rows / rowsPerTick; tick++)
        {
            var batch = Predictions(tick * rowsPerTick, rowsPerTick);
            var now = Start + TimeSpan.FromSeconds(5 * tick);
            for (var row = 0; row < batch.Count; row++)
            {
                segments.Append(batch, row, null, now);
            }

            await segments.PersistAsync();
        }

        return store.BytesWritten;
    }
}
