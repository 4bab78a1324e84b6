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
/// What persisting a join shard writes: the open segment is written whole on every tick while it fills, so the bytes
/// written per prediction grow with the segment's size over the rows a tick brings. These count the bytes encoded for a
/// model at 1,000 predictions a second (1,250 rows per shard per 5-second tick over 4 shards) — a deterministic count,
/// not a timing.
/// </summary>
public sealed class JoinSegmentsWriteCostTests(ITestOutputHelper output) : IDisposable
{
    private const int RowsPerTick = 1_250;
    private const int Ticks = 40;

    private static readonly GrainId Shard = GrainId.Create("labeljoin", "model/0");
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Persist_AtAThousandPredictionsASecond_WithTheDefaultSegmentRows_WritesEachRowAtMostThreeTimes()
    {
        var once = CountingJoinStorage.SizeOf(new JoinSegment { Rows = Rows(0, RowsPerTick * Ticks) });
        var written = await BytesWrittenAsync(new OrleansEvalOptions().JoinSegmentRows);
        foreach (var rows in new[] { 2_048, 4_096, 16_384 })
        {
            var bytes = rows == new OrleansEvalOptions().JoinSegmentRows ? written : await BytesWrittenAsync(rows);
            output.WriteLine($"segments of {rows} rows: {bytes * 1_000 / (RowsPerTick * Ticks)} bytes per 1,000 predictions, {bytes / (double)once:F2} times the rows");
        }

        output.WriteLine($"the rows written once: {once * 1_000L / (RowsPerTick * Ticks)} bytes per 1,000 predictions");
        Assert.InRange(written / (double)once, 1, 3);
    }

    public void Dispose() => _services.Dispose();

    private static PendingPredictions Rows(int from, int count)
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
    private async Task<long> BytesWrittenAsync(int segmentRows)
    {
        var store = new CountingJoinStorage();
        var writes = new StateWrites(TimeProvider.System, Options.Create(new OrleansEvalOptions()), _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var segments = new JoinSegments(store, Shard, new JoinState(), segmentRows, 4, TimeSpan.FromDays(1), writes.For("join", NullLogger.Instance));
        for (var tick = 0; tick < Ticks; tick++)
        {
            var batch = Rows(tick * RowsPerTick, RowsPerTick);
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
