using System.Globalization;
using OrleansEval.Grains.Tests.WorstSlices;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.Tests.Recommendations;

/// <summary>
/// The brief's young users: ages in whole years, 16–17 (5 %), 18–24 (young: 5 % of the baseline, 40 % of the window)
/// and 25–79; young rows are wrong 30 % of the time, the others 15 %, on both sides. The baseline has 199 teenagers,
/// 200 young rows and a block of 25s from position 399, so its 5 % and 10 % quantiles (numpy's linear rule) are 18
/// and 25: twenty quantile bins put 18 and 25 as edges.
/// </summary>
internal static class YoungUsers
{
    public const int BaselineCount = 4_000;
    public const int CurrentCount = 3_000;
    public const int Bins = 20;

    public static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Features = [new FeatureDefinition("age", FeatureType.Numeric), new FeatureDefinition("region", FeatureType.Categorical)],
    };

    private static readonly string[] Regions = ["east", "north", "south", "west"];

    /// <summary>The baseline's ages, sorted so the young block starts at position 199 and the 25s at 399.</summary>
    public static List<TestRow> Baseline() => Draw(1, teens: 199, young: 200, older: BaselineCount - 399);

    /// <summary>The window: 5 % teenagers, 40 % young, 55 % older.</summary>
    public static List<TestRow> Current() => Draw(2, teens: 150, young: 1_200, older: 1_650);

    /// <summary>The cut points a baseline of <see cref="Bins"/> quantile bins freezes over the baseline's ages.</summary>
    public static double[] CutPoints() =>
        BinEdges.FromQuantiles([.. Baseline().Select(row => (double)row.Features["age"]!)], Bins).CutPoints.ToArray();

    private static List<TestRow> Draw(int seed, int teens, int young, int older)
    {
        var random = new Random(seed);
        var ages = Enumerable.Range(0, teens).Select(i => 16 + (i % 2))
            .Concat(Enumerable.Range(0, young).Select(i => 18 + (i % 7)))
            .Concat(Enumerable.Range(0, older).Select(i => 25 + (i % 55)));
        return [.. ages.Select((age, i) =>
        {
            var wrong = random.NextDouble() < (age is >= 18 and < 25 ? 0.30 : 0.15);
            var predicted = random.Next(2) == 0 ? "0" : "1";
            var actual = wrong ? (predicted == "1" ? "0" : "1") : predicted;
            var features = new Dictionary<string, object?> { ["age"] = (double)age, ["region"] = Regions[random.Next(Regions.Length)] };
            return new TestRow($"y{seed}-{i.ToString(CultureInfo.InvariantCulture)}", features, TestRow.NoTags, predicted, predicted == "1" ? 0.7 : 0.3, actual);
        })];
    }
}
