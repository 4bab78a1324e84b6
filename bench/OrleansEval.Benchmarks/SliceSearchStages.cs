using System.Diagnostics;
using System.Globalization;
using OrleansEval.Baselines;
using OrleansEval.Bench;
using OrleansEval.Grains.WorstSlices;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Slicing;
using OrleansEval.WorstSlices;

namespace OrleansEval.Benchmarks;

/// <summary>
/// Times the stages of a worst-slice search on 1,000,000 labelled rows of the load generator's 20-feature workload, held
/// in memory as row blocks: coding the blocks into the slice table (errors included), indexing the predicates, each
/// level of the lattice, and the tests with their q-values. Reading rows from storage is not part of it.
/// </summary>
public static class SliceSearchStages
{
    private const int Rows = 1_000_000;
    private const int BlockRows = 16_384;

    /// <summary>Builds the rows once, then times every stage <paramref name="runs"/> times and writes one line per run.</summary>
    public static void Print(TextWriter output, int maxConditions, int runs)
    {
        ArgumentNullException.ThrowIfNull(output);
        var model = Model();
        var blocks = Blocks(model, new Random(20));
        var baseline = Deciles(blocks);
        for (var run = 0; run < runs; run++)
        {
            output.WriteLine(Run(model, baseline, blocks, maxConditions));
        }
    }

    private static string Run(ModelDefinition model, Baseline baseline, IReadOnlyList<RowBlock> blocks, int maxConditions)
    {
        var processor = Processor();
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var builder = new SliceTableBuilder(model, SliceErrorMetrics.Error, baseline);
        foreach (var block in blocks)
        {
            builder.Add(block);
        }

        var (table, _) = builder.Build();
        var coded = clock.Elapsed;
        var codedProcessor = Processor() - processor;
        var codedPaused = GC.GetTotalPauseDuration() - paused;
        var errors = table.Errors.ToArray();
        var minSize = new SliceSearchOptions().MinSizeFor(table.RowCount);
        processor = Processor();
        clock.Restart();
        var index = PredicateIndex.Build(table, errors, binary: true, minSize);
        var indexed = clock.Elapsed;
        var score = new SliceScore(table.RowCount, errors.Average(), 0.95, minSize);
        var indexedProcessor = Processor() - processor;
        var levels = new List<string>();
        var previous = (Wall: TimeSpan.Zero, Processor: TimeSpan.Zero);
        for (var level = 1; level <= maxConditions; level++)
        {
            // A search to this level less the search to the one before: the level's own time.
            processor = Processor();
            clock.Restart();
            new SliceLattice(index, score, 10, 1e-9).Run(level, CancellationToken.None);
            var took = clock.Elapsed;
            var tookProcessor = Processor() - processor;
            levels.Add($"{Seconds(took - previous.Wall)} ({Seconds(tookProcessor - previous.Processor)})");
            previous = (took, tookProcessor);
        }

        processor = Processor();
        clock.Restart();
        var result = SliceLineSearch.Search(table, new SliceSearchOptions(maxConditions: maxConditions));
        var total = clock.Elapsed;
        var totalProcessor = Processor() - processor;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"rows {table.RowCount}, columns {table.Columns.Count}: wall (processor) code {Seconds(coded)} ({Seconds(codedProcessor)}, collector pauses {Seconds(codedPaused)}); index {Seconds(indexed)} ({Seconds(indexedProcessor)}); levels {string.Join(" + ", levels)}; whole search {Seconds(total)} ({Seconds(totalProcessor)}) examined {result.Examined}, slices {result.Slices.Count}, top {Top(result)}");
    }

    private static string Top(SliceSearchResult result) =>
        result.Slices.Count == 0 ? "none" : string.Join(" & ", result.Slices[0].Conditions.Select(condition => $"{condition.Column}={condition.Label}"));

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static TimeSpan Processor() => Process.GetCurrentProcess().TotalProcessorTime;

    private static ModelDefinition Model() => new()
    {
        Task = ModelTask.BinaryClassification,
        Features = [
            .. WorkloadDistributions.Numeric.Select(name => new FeatureDefinition(name, FeatureType.Numeric)),
            .. WorkloadDistributions.Categorical.Select(feature => new FeatureDefinition(feature.Name, FeatureType.Categorical))],
    };

    private static List<RowBlock> Blocks(ModelDefinition model, Random random)
    {
        var frequencies = WorkloadDistributions.CategoryFrequencies();
        var blocks = new List<RowBlock>();
        var numeric = new double[WorkloadDistributions.Numeric.Length];
        for (var start = 0; start < Rows; start += BlockRows)
        {
            var count = Math.Min(BlockRows, Rows - start);
            var numbers = WorkloadDistributions.Numeric.Select(_ => new double[count]).ToArray();
            var categories = WorkloadDistributions.Categorical.Select(_ => new string?[count]).ToArray();
            var predicted = new string?[count];
            var actual = new string?[count];
            var scores = new double[count];
            for (var row = 0; row < count; row++)
            {
                WorkloadDistributions.DrawNumeric(random, numeric);
                for (var i = 0; i < numeric.Length; i++)
                {
                    numbers[i][row] = numeric[i];
                }

                for (var i = 0; i < categories.Length; i++)
                {
                    categories[i][row] = WorkloadDistributions.DrawCategory(random, frequencies, i);
                }

                scores[row] = WorkloadDistributions.Score(numeric, categories[0][row]!);
                predicted[row] = scores[row] >= 0.5 ? "1" : "0";
                actual[row] = random.NextDouble() < scores[row] ? "1" : "0";
            }

            blocks.Add(Block(model, numbers, categories, predicted, scores, actual));
        }

        return blocks;
    }

    private static RowBlock Block(ModelDefinition model, double[][] numbers, string?[][] categories, string?[] predicted, double[] scores, string?[] actual)
    {
        var count = scores.Length;
        var numericColumns = WorkloadDistributions.Numeric.Select((name, i) => new RowColumn(name, [.. numbers[i]], []));
        var categoricalColumns = WorkloadDistributions.Categorical.Select((feature, i) => new RowColumn(feature.Name, [], [.. categories[i]]));
        var byName = numericColumns.Concat(categoricalColumns).ToDictionary(column => column.Name);
        return new RowBlock
        {
            Series = new SeriesId(SeriesId.DefaultVersion, SeriesId.DefaultEnvironment),
            PredictionIds = [.. Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture))],
            Timestamps = [.. Enumerable.Repeat(DateTimeOffset.UnixEpoch, count)],
            Revisions = [.. Enumerable.Repeat(1L, count)],
            Features = [.. model.Features.Select(feature => byName[feature.Name])],
            Tags = [],
            PredictedLabels = [.. predicted],
            Scores = [.. scores],
            PredictedValues = [.. Enumerable.Repeat(double.NaN, count)],
            ActualLabels = [.. actual],
            ActualValues = [.. Enumerable.Repeat(double.NaN, count)],
        };
    }

    /// <summary>A baseline whose cut points are the deciles of the first 100,000 rows of each numeric feature.</summary>
    private static Baseline Deciles(List<RowBlock> blocks) => new()
    {
        Name = "training",
        Revision = 1,
        Spec = new BaselineSpec { Version = "v1", Environment = "training" },
        FrozenAt = DateTimeOffset.UnixEpoch,
        RecordCount = Rows,
        Columns = [.. WorkloadDistributions.Numeric.Select((name, i) => new BaselineColumn
        {
            Column = name,
            Type = FeatureType.Numeric,
            CutPoints = [.. BinEdges.FromQuantiles(blocks.Take(7).SelectMany(block => block.Features[i].Numbers).ToArray(), 10).CutPoints.ToArray()],
        })],
    };
}
