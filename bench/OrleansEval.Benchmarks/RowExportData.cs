using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Grains.Rows;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Benchmarks;

/// <summary>
/// A day of synthetic rows of a 20-feature binary classifier (15 numeric and 5 categorical features, two tags, a score,
/// a predicted label and an actual), written into a row store's parts the way a row grain writes them: batches of
/// <see cref="BatchRows"/> records applied in arrival order, one part every <see cref="PartRows"/> rows (a series
/// taking 1,000 records a second, written every 5 s), event times rising with arrival.
/// </summary>
internal static class RowExportData
{
    /// <summary>Records per ingested batch.</summary>
    public const int BatchRows = 500;

    /// <summary>Rows per part.</summary>
    public const int PartRows = 5_000;

    private static readonly string[] Airports = [.. Enumerable.Range(0, 300).Select(i => $"A{i:D3}")];

    /// <summary>The model: features n0…n14 (numeric) and c0…c4 (categorical), tags region and device.</summary>
    public static ModelDefinition Model { get; } = new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Features =
        [
            .. Enumerable.Range(0, 15).Select(i => new FeatureDefinition($"n{i}", FeatureType.Numeric)),
            .. Enumerable.Range(0, 5).Select(i => new FeatureDefinition($"c{i}", FeatureType.Categorical)),
        ],
        Tags = [new FeatureDefinition("region", FeatureType.Categorical), new FeatureDefinition("device", FeatureType.Categorical)],
    };

    /// <summary>The series the rows belong to.</summary>
    public static SeriesId Series { get; } = new("v1", "production");

    /// <summary>Writes <paramref name="rows"/> rows of one day into <paramref name="store"/> as parts of <paramref name="key"/>.</summary>
    public static async Task WriteAsync(IRowBlobStore store, RowGrainKey key, DateOnly day, int rows)
    {
        var random = new Random(11);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var step = TimeSpan.FromDays(1) / (rows + 1);
        var pending = new PendingRows();
        var part = 0;
        for (var first = 0; first < rows; first += BatchRows)
        {
            var count = Math.Min(BatchRows, rows - first);
            var batch = new AppliedRows(Batch(random, first, count, start, step), start.AddTicks(step.Ticks * (first + count)));
            var columns = pending.Of(batch);
            for (var i = 0; i < count; i++)
            {
                pending.Add(columns, i, first + i, first + i);
            }

            if (pending.Count >= PartRows || first + count == rows)
            {
                await store.PutAsync(RowPaths.Part(key, day, part++), await RowPartWriter.ToBytesAsync(pending, CancellationToken.None), CancellationToken.None);
                pending.Dispose();
            }
        }
    }

    private static RowBatch Batch(Random random, int first, int count, DateTimeOffset start, TimeSpan step)
    {
        var ids = ImmutableArray.CreateRange(Enumerable.Range(first, count).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)));
        var times = Enumerable.Range(first, count).Select(i => start.AddTicks(step.Ticks * (i + 1))).ToList();
        var tags = ImmutableArray.Create(
            new CodedColumn("region", Enumerable.Range(0, count).Select(_ => random.Next(4) switch { 0 => "north", 1 => "south", 2 => "east", _ => null })),
            new CodedColumn("device", Enumerable.Range(0, count).Select(_ => random.Next(2) == 0 ? "ios" : "android")));
        var scores = Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToImmutableArray();
        var chunks = ImmutableArray.CreateBuilder<KeyedChunk>();
        for (var f = 0; f < 15; f++)
        {
            chunks.Add(Chunk($"n{f}", [.. Enumerable.Range(0, count).Select(_ => random.Next(50) == 0 ? double.NaN : Math.Round(random.NextDouble() * 1000, 2))], []));
        }

        for (var f = 0; f < 5; f++)
        {
            chunks.Add(Chunk($"c{f}", [], [.. Enumerable.Range(0, count).Select(_ => Airports[random.Next(f == 0 ? Airports.Length : 12)])]));
        }

        chunks.Add(Chunk(ColumnNames.PredictionScore, scores, []));
        chunks.Add(Chunk(ColumnNames.PredictionLabel, [], [.. scores.Select(s => s >= 0.5 ? "1" : "0")]));
        chunks.Add(Chunk(ColumnNames.ActualLabel, [], [.. Enumerable.Range(0, count).Select(_ => random.Next(3) == 0 ? null : random.Next(2).ToString(CultureInfo.InvariantCulture))]));
        return new RowBatch(new LogPosition("bench", first, 0), 1, start.AddTicks(step.Ticks * (first + count)), new SeriesRows(Series, ids, times, tags), chunks.ToImmutable());

        KeyedChunk Chunk(string column, ImmutableArray<double> numbers, ImmutableArray<string?> categories) =>
            new(FeatureKey.For("bench", Series, column).ToString(), new ColumnChunk("b", [.. Enumerable.Repeat(0L, count)], numbers, categories, []));
    }
}
