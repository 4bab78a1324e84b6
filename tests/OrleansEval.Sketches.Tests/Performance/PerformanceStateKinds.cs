using OrleansEval.Sketches.Performance;

namespace OrleansEval.Sketches.Tests.Performance;

/// <summary>Serialize and deserialize by kind name, for tests that run over every performance state.</summary>
internal static class PerformanceStateKinds
{
    public static TheoryData<string> All => ["binary-exact", "binary-coarse", "multiclass", "regression-exact", "regression-sketched"];

    public static byte[] Serialize(string kind) => kind switch
    {
        "binary-exact" => PerformanceGoldenSketches.ExactBinary().Serialize(),
        "binary-coarse" => PerformanceGoldenSketches.CoarseBinary().Serialize(),
        "multiclass" => PerformanceGoldenSketches.Multiclass().Serialize(),
        "regression-exact" => PerformanceGoldenSketches.ExactRegression().Serialize(),
        "regression-sketched" => PerformanceGoldenSketches.SketchedRegression().Serialize(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Deserializes with the type named by the first part of <paramref name="kind"/> and serializes again.</summary>
    public static byte[] Reserialize(string kind, byte[] bytes) => kind.Split('-')[0] switch
    {
        "binary" => BinaryPerformanceState.Deserialize(bytes).Serialize(),
        "multiclass" => MulticlassPerformanceState.Deserialize(bytes).Serialize(),
        "regression" => RegressionPerformanceState.Deserialize(bytes).Serialize(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
