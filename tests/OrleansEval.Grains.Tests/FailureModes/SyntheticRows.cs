using System.Globalization;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Grains.Tests.WorstSlices;

namespace OrleansEval.Grains.Tests.FailureModes;

/// <summary>
/// Rows with a known cause of failure. Three uniform features x1, x2, x3; the actual is 1 with probability x1 and the
/// model predicts 1 when x1 ≥ 0.5, so it is right max(x1, 1 − x1) of the time: 0.75 over a uniform x1, 0.55 near 0.5.
/// </summary>
internal static class SyntheticRows
{
    public static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Features = [new FeatureDefinition("x1", FeatureType.Numeric), new FeatureDefinition("x2", FeatureType.Numeric), new FeatureDefinition("x3", FeatureType.Numeric)],
    };

    /// <summary>Quintile cut points, as a baseline of uniform values freezes them.</summary>
    public static readonly double[] Quintiles = [0.2, 0.4, 0.6, 0.8];

    /// <summary>
    /// <paramref name="count"/> rows: x1 drawn by <paramref name="drawX1"/>, x2 and x3 uniform; x3 missing with
    /// probability <paramref name="missingX3"/>, and then the model falls back to predicting 1 with score 0.5; labels
    /// flipped where x2 ≥ <paramref name="flipFromX2"/>.
    /// </summary>
    public static List<TestRow> Draw(int seed, int count, Func<Random, double> drawX1, double missingX3 = 0, double flipFromX2 = double.PositiveInfinity)
    {
        var random = new Random(seed);
        var rows = new List<TestRow>(count);
        for (var i = 0; i < count; i++)
        {
            var x1 = drawX1(random);
            var x2 = random.NextDouble();
            var x3 = random.NextDouble() < missingX3 ? double.NaN : random.NextDouble();
            var positive = random.NextDouble() < x1;
            if (x2 >= flipFromX2)
            {
                positive = !positive;
            }

            var fallback = double.IsNaN(x3);
            var predicted = fallback || x1 >= 0.5 ? "1" : "0";
            var features = new Dictionary<string, object?> { ["x1"] = x1, ["x2"] = x2, ["x3"] = x3 };
            rows.Add(new TestRow($"s{seed}-{i.ToString(CultureInfo.InvariantCulture)}", features, TestRow.NoTags, predicted, fallback ? 0.5 : x1, positive ? "1" : "0"));
        }

        return rows;
    }

    /// <summary>Uniform on [0, 1).</summary>
    public static double Uniform(Random random) => random.NextDouble();

    /// <summary>The rows as the row store streams them, in blocks of 1,000.</summary>
    public static IAsyncEnumerable<RowBlock> Stream(ModelDefinition model, IEnumerable<TestRow> rows) =>
        TestRow.Stream(rows.Chunk(1_000).Select(chunk => TestRow.Block(model, chunk)));
}
