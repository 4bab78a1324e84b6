using System.Diagnostics;
using System.Text.Json;
using OrleansEval.Grains.Rows;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// A part written by the row store is read by an independent reader — DuckDB (npm, pinned in tests/duckdb), as a data
/// scientist would open a day of rows — with the column names and types the architecture documents and every value,
/// rows newest first; the part's footer records the event times of its newest and oldest rows.
/// </summary>
public sealed class ParquetInteropTests
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task RowPart_ReadByDuckDb_HasTheDocumentedColumnsAndEveryValueNewestFirst_AndItsSpanInTheFooter()
    {
        var start = new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.Zero);
        DateTimeOffset[] times = [start, start.AddMilliseconds(1_234), start.AddTicks(-10)];
        var received = start.AddMinutes(5);
        const string prefix = "m/v1/production/";
        var batch = new RowBatch(
            new LogPosition("m/0", 1, 0),
            7,
            received,
            new SeriesRows(new SeriesId("v1", "production"), ["a", "b", "c"], times, [new CodedColumn("region", ["north", null, "south"])]),
            [
                new KeyedChunk(prefix + "temp", new ColumnChunk("b", [0, 0, 0], [1.5, double.NaN, -2], [], [])),
                new KeyedChunk(prefix + "city", new ColumnChunk("b", [0, 0, 0], [], ["Lyon", "Oslo", null], [])),
                new KeyedChunk(prefix + ColumnNames.PredictionScore, new ColumnChunk("b", [0, 0, 0], [0.9, 0.2, 0.6], [], [])),
                new KeyedChunk(prefix + ColumnNames.PredictionLabel, new ColumnChunk("b", [0, 0, 0], [], ["1", "0", "1"], [])),
                new KeyedChunk(prefix + ColumnNames.ActualLabel, new ColumnChunk("b", [0, 0, 0], [], ["1", null, "0"], [])),
            ]);
        var applied = new AppliedRows(batch, received);
        var part = await RowPartWriter.ToBytesAsync(PendingRowsOf.First(applied, 3), CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(file, part);

        try
        {
            using var read = JsonDocument.Parse(await ReadWithDuckDbAsync(file));
            var columns = read.RootElement.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString()!);
            var rows = read.RootElement.GetProperty("rows").EnumerateArray().ToList();

            Assert.Equal(
                ["predictionId", "timestamp", "arrived", "revision", "row", "slot", "features.temp", "features.city", "tags.region",
                    "prediction.label", "prediction.score", "prediction.value", "actual.label", "actual.value"],
                columns.Keys);
            Assert.Equal("TIMESTAMP WITH TIME ZONE", columns["timestamp"]);
            Assert.Equal("TIMESTAMP WITH TIME ZONE", columns["arrived"]);
            Assert.Equal("BIGINT", columns["revision"]);
            Assert.Equal("DOUBLE", columns["features.temp"]);
            Assert.Equal("VARCHAR", columns["features.city"]);
            Assert.Equal("VARCHAR", columns["tags.region"]);
            Assert.Equal("DOUBLE", columns["prediction.score"]);
            Assert.Equal(["b", "a", "c"], rows.Select(r => r.GetProperty("predictionId").GetString()));
            Assert.Equal(new[] { times[1], times[0], times[2] }.Select(Micros), rows.Select(r => r.GetProperty("timestamp_us").GetString()));
            Assert.All(rows, r => Assert.Equal(Micros(received), r.GetProperty("arrived_us").GetString()));
            Assert.Equal(["null", "1.5", "-2"], rows.Select(r => r.GetProperty("features.temp").ToString() is { Length: > 0 } v ? v : "null"));
            Assert.Equal(["Oslo", "Lyon", null], rows.Select(r => Text(r, "features.city")));
            Assert.Equal([null, "north", "south"], rows.Select(r => Text(r, "tags.region")));
            Assert.Equal(["0", "1", "1"], rows.Select(r => Text(r, "prediction.label")));
            Assert.Equal([null, "1", "0"], rows.Select(r => Text(r, "actual.label")));
            Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("prediction.value").ValueKind));
            Assert.Equal((times[1], times[2]), await RowPart.SpanAsync(part, CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Micros(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(JsonElement row, string column) => row.GetProperty(column).ValueKind == JsonValueKind.Null ? null : row.GetProperty(column).GetString();

    private static async Task<string> ReadWithDuckDbAsync(string file)
    {
        var folder = DuckDbFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api")))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, NpmTimeout);
        }

        return await RunAsync("node", ["read-parquet.mjs", file], folder, ReadTimeout);
    }

    private static string DuckDbFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "duckdb");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/duckdb was not found above the test's folder.");
    }

    private static async Task<string> RunAsync(string program, string[] arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var deadline = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
