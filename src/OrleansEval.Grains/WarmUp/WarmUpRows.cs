using System.Globalization;
using OrleansEval.Baselines;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.WarmUp;

/// <summary>
/// A small synthetic binary classifier that exists only in memory: two numeric features and a categorical one, a
/// baseline frozen on their deciles, and rows drawn from a fixed seed in which the window's <c>x1</c> moves towards the
/// model's uncertain middle and its <c>segment</c> gains a category, so every part of an answer has something to say.
/// Nothing here names a stored model or reaches storage.
/// </summary>
internal static class WarmUpRows
{
    /// <summary>The name the synthetic model goes by in its answers; it is never registered.</summary>
    public const string ModelId = "warm-up";

    /// <summary>The baseline's name.</summary>
    public const string BaselineName = "training";

    private const int BlockRows = 200;

    private static readonly double[] Deciles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    private static readonly string[] Segments = ["a", "b", "c", "d"];

    /// <summary>The series of the window's rows: the default one.</summary>
    public static readonly SeriesId CurrentSeries = new(SeriesId.DefaultVersion, SeriesId.DefaultEnvironment);

    /// <summary>The window the current rows lie in.</summary>
    public static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of the window (exclusive).</summary>
    public static readonly DateTimeOffset To = From.AddDays(30);

    /// <summary>The model's definition.</summary>
    public static readonly ModelDefinition Definition = new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Features =
        [
            new FeatureDefinition("x1", FeatureType.Numeric),
            new FeatureDefinition("x2", FeatureType.Numeric),
            new FeatureDefinition("segment", FeatureType.Categorical),
        ],
    };

    /// <summary>The model as its grain would answer it, holding only <see cref="Baseline"/>.</summary>
    public static ModelSnapshot Snapshot { get; } = new(ModelId, Definition, 1, [BaselineName], [CurrentSeries], [], [], []);

    /// <summary>The baseline: deciles of the numeric features and of the score, the categories of <c>segment</c>.</summary>
    public static Baseline Baseline { get; } = new()
    {
        Name = BaselineName,
        Revision = 1,
        Spec = new BaselineSpec { Version = SeriesId.DefaultVersion, Environment = "training" },
        FrozenAt = From.AddDays(-1),
        RecordCount = 0,
        Columns =
        [
            Numeric("x1"),
            Numeric("x2"),
            Numeric(ColumnNames.PredictionScore),
            new BaselineColumn { Column = "segment", Type = FeatureType.Categorical, Categories = [.. Segments] },
        ],
    };

    /// <summary>The baseline's rows: x1, x2 uniform, four segments, labels drawn with probability x1.</summary>
    public static IReadOnlyList<RowBlock> BaselineBlocks { get; } = Draw(seed: 1, count: 2_000, shifted: false);

    /// <summary>The window's rows: 60 % of x1 in [0.4, 0.6), a fifth segment, one row in ten without an actual.</summary>
    public static IReadOnlyList<RowBlock> CurrentBlocks { get; } = Draw(seed: 2, count: 1_000, shifted: true);

    /// <summary>The blocks as the row reader streams them.</summary>
    public static async IAsyncEnumerable<RowBlock> Stream(IReadOnlyList<RowBlock> blocks)
    {
        foreach (var block in blocks)
        {
            await Task.Yield();
            yield return block;
        }
    }

    private static BaselineColumn Numeric(string column) => new() { Column = column, Type = FeatureType.Numeric, CutPoints = [.. Deciles] };

    private static List<RowBlock> Draw(int seed, int count, bool shifted)
    {
        var random = new Random(seed);
        var blocks = new List<RowBlock>();
        for (var start = 0; start < count; start += BlockRows)
        {
            var size = Math.Min(BlockRows, count - start);
            var x1 = new double[size];
            var x2 = new double[size];
            var segments = new string?[size];
            var predicted = new string?[size];
            var actual = new string?[size];
            var scores = new double[size];
            for (var i = 0; i < size; i++)
            {
                x1[i] = shifted && random.NextDouble() < 0.6 ? 0.4 + (0.2 * random.NextDouble()) : random.NextDouble();
                x2[i] = random.NextDouble() < 0.02 ? double.NaN : random.NextDouble();
                segments[i] = shifted && random.NextDouble() < 0.1 ? "e" : Segments[random.Next(Segments.Length)];
                scores[i] = x1[i];
                predicted[i] = x1[i] >= 0.5 ? "1" : "0";
                var positive = random.NextDouble() < x1[i];
                actual[i] = shifted && random.NextDouble() < 0.1 ? null : positive ? "1" : "0";
            }

            blocks.Add(new RowBlock
            {
                Series = shifted ? CurrentSeries : new SeriesId(SeriesId.DefaultVersion, "training"),
                PredictionIds = [.. Enumerable.Range(start, size).Select(i => $"w{seed}-{i.ToString(CultureInfo.InvariantCulture)}")],
                Timestamps = [.. Enumerable.Range(0, size).Select(i => To.AddSeconds(-1 - start - i))],
                Revisions = [.. Enumerable.Repeat(1L, size)],
                Features = [new RowColumn("x1", [.. x1], []), new RowColumn("x2", [.. x2], []), new RowColumn("segment", [], [.. segments])],
                Tags = [],
                PredictedLabels = [.. predicted],
                Scores = [.. scores],
                PredictedValues = [.. Enumerable.Repeat(double.NaN, size)],
                ActualLabels = [.. actual],
                ActualValues = [.. Enumerable.Repeat(double.NaN, size)],
            });
        }

        return blocks;
    }
}
