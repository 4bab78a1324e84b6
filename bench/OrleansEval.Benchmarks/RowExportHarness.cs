using System.Diagnostics;
using System.Globalization;
using OrleansEval.Gateway.Examples;
using OrleansEval.Grains.Rows;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Benchmarks;

/// <summary>
/// Times reading the row store and answering an examples export, in process: <see cref="RowExportData"/> writes a day
/// of 1,000,000 rows as parts into the in-memory blob store (not Azure Blob storage: no network or emulator in the
/// figures), then each pass reads every row back through <see cref="RowDayReader"/> as the row reader does, and answers
/// them newest first through <see cref="NewestFirst"/> and the Parquet and NDJSON writers into a null stream. The first
/// pass includes compiling the code; the machine's other work makes every figure noisy.
/// </summary>
internal static class RowExportHarness
{
    private const int Rows = 1_000_000;
    private const int Passes = 3;

    private static readonly DateOnly Day = new(2026, 1, 5);

    public static async Task RunAsync(TextWriter output)
    {
        var store = new MemoryRowBlobStore();
        var key = RowGrainKey.For("bench", RowExportData.Series);
        var clock = Stopwatch.StartNew();
        await RowExportData.WriteAsync(store, key, Day, Rows);
        var parts = new List<string>();
        await foreach (var name in store.ListAsync(RowPaths.Prefix(key), CancellationToken.None))
        {
            parts.Add(name);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {Rows:N0} rows as {parts.Count} parts of {RowExportData.PartRows:N0} in {clock.Elapsed.TotalSeconds:F1} s (memory blob store)"));
        var day = new RowSeriesDay(RowExportData.Series, [.. parts.OrderDescending(StringComparer.Ordinal)], Sampled: false);
        for (var pass = 1; pass <= Passes; pass++)
        {
            var decode = await TimeAsync(() => DecodeAsync(store, day));
            var read = await TimeAsync(() => ReadAsync(store, day));
            var parquet = await TimeAsync(() => ExportAsync(store, day, ExampleFormat.Parquet));
            var ndjson = await TimeAsync(() => ExportAsync(store, day, ExampleFormat.Ndjson));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}, rows/s of {Rows:N0}: decode parts {Rate(decode)}; read {Rate(read)}; read + newest-first merge + Parquet {Rate(parquet)}; read + merge + NDJSON {Rate(ndjson)}"));
        }
    }

    private static string Rate((long Rows, TimeSpan Elapsed, TimeSpan Cpu) run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.Rows / run.Elapsed.TotalSeconds:N0} ({run.Elapsed.TotalSeconds:F2} s, {run.Cpu.TotalSeconds:F2} s of CPU)");

    // Wall-clock time and the process's CPU time: on a machine shared with other work the second is the steadier one.
    private static async Task<(long Rows, TimeSpan Elapsed, TimeSpan Cpu)> TimeAsync(Func<Task<long>> run)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var rows = await run();
        var elapsed = clock.Elapsed;
        process.Refresh();
        return (rows, elapsed, process.TotalProcessorTime - cpu);
    }

    private static RowDayReader Reader(MemoryRowBlobStore store) =>
        new(store, Query, RowExportData.Model, new LateActuals(), rowsPerDay: Rows);

    private static RowQuery Query { get; } = new("bench", null, null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    private static async Task<long> DecodeAsync(MemoryRowBlobStore store, RowSeriesDay day)
    {
        var rows = 0L;
        foreach (var name in day.Parts)
        {
            rows += (await RowPart.ReadAsync((await store.GetAsync(name, CancellationToken.None))!, CancellationToken.None)).Count;
        }

        return rows;
    }

    private static async Task<long> ReadAsync(MemoryRowBlobStore store, RowSeriesDay day)
    {
        var rows = 0L;
        await foreach (var block in Reader(store).ReadAsync([day], CancellationToken.None))
        {
            rows += block.Count;
        }

        return rows;
    }

    private static async Task<long> ExportAsync(MemoryRowBlobStore store, RowSeriesDay day, ExampleFormat format)
    {
        var snapshot = new ModelSnapshot("bench", RowExportData.Model, 1, [], [RowExportData.Series], [], [], []);
        var query = new ExampleQuery(snapshot, Query, RowFilter.Everything, null, null, null, null, format);
        var tally = new ExampleTally();
        var columns = new ExampleColumns(RowExportData.Model);
        await using IExampleWriter writer = format == ExampleFormat.Parquet
            ? new ParquetExampleWriter(Stream.Null, columns, RowExportData.Model)
            : new NdjsonExampleWriter(Stream.Null, columns);
        await foreach (var row in NewestFirst.MergeAsync(Reader(store).ReadAsync([day], CancellationToken.None), new ExampleSelection(query), tally, CancellationToken.None))
        {
            await writer.WriteAsync(row, CancellationToken.None);
            tally.Rows++;
        }

        await writer.CompleteAsync(tally, CancellationToken.None);
        return tally.Rows;
    }
}
