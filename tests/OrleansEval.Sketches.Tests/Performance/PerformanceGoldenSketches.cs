using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Performance;

/// <summary>Fixed performance states built from integer-derived inputs only, so their bytes are the same on every machine.</summary>
internal static class PerformanceGoldenSketches
{
    public static BinaryPerformanceState ExactBinary() => Binary(seed: 31, rows: 400, cap: BinaryPerformanceState.DefaultMaxDistinctScores);

    public static BinaryPerformanceState CoarseBinary() => Binary(seed: 32, rows: 3000, cap: 40);

    public static MulticlassPerformanceState Multiclass()
    {
        var random = new DeterministicRandom(33);
        string[] labels = ["cat", "dog", "émeu", "🐟 fish"];
        var state = new MulticlassPerformanceState();
        for (var i = 0; i < 500; i++)
        {
            var t = random.NextInt(labels.Length);
            state.Add(labels[t], labels[random.NextInt(3) == 0 ? random.NextInt(labels.Length) : t]);
        }

        return state;
    }

    public static RegressionPerformanceState ExactRegression() => Regression(seed: 34, rows: 300, cap: RegressionPerformanceState.DefaultMaxDistinctErrors);

    public static RegressionPerformanceState SketchedRegression() => Regression(seed: 35, rows: 2000, cap: 50);

    private static BinaryPerformanceState Binary(ulong seed, int rows, int cap)
    {
        var random = new DeterministicRandom(seed);
        var state = new BinaryPerformanceState(cap);
        for (var i = 0; i < rows; i++)
        {
            var score = random.NextInt(10_001) / 10_000.0;
            var actual = random.NextInt(10_000) < (int)(score * 10_000);
            state.Add(random.NextInt(25) == 0 ? null : score, score >= 0.4, actual);
        }

        return state;
    }

    private static RegressionPerformanceState Regression(ulong seed, int rows, int cap)
    {
        var random = new DeterministicRandom(seed);
        var state = new RegressionPerformanceState(cap);
        for (var i = 0; i < rows; i++)
        {
            var actual = (random.NextInt(100_000) - 20_000) / 1000.0;
            var predicted = actual + ((random.NextInt(20_000) - 9_000) / 1000.0);
            state.Add(actual, predicted);
        }

        return state;
    }
}
