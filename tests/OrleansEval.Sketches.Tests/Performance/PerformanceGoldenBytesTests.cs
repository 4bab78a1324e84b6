using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Performance;

public class PerformanceGoldenBytesTests
{
    [Fact]
    public void Serialize_ExactBinaryState_MatchesGoldenFile()
    {
        var state = PerformanceGoldenSketches.ExactBinary();
        Assert.True(state.IsExact);
        GoldenFiles.AssertMatches("binary-performance-exact.bin", state.Serialize());
    }

    [Fact]
    public void Serialize_CoarseBinaryState_MatchesGoldenFile()
    {
        var state = PerformanceGoldenSketches.CoarseBinary();
        Assert.False(state.IsExact);
        GoldenFiles.AssertMatches("binary-performance-coarse.bin", state.Serialize());
    }

    [Fact]
    public void Serialize_MulticlassState_MatchesGoldenFile() =>
        GoldenFiles.AssertMatches("multiclass-performance.bin", PerformanceGoldenSketches.Multiclass().Serialize());

    [Fact]
    public void Serialize_ExactRegressionState_MatchesGoldenFile()
    {
        var state = PerformanceGoldenSketches.ExactRegression();
        Assert.True(state.IsExact);
        GoldenFiles.AssertMatches("regression-performance-exact.bin", state.Serialize());
    }

    [Fact]
    public void Serialize_SketchedRegressionState_MatchesGoldenFile()
    {
        var state = PerformanceGoldenSketches.SketchedRegression();
        Assert.False(state.IsExact);
        GoldenFiles.AssertMatches("regression-performance-sketched.bin", state.Serialize());
    }

    [Theory]
    [InlineData("binary-performance-exact.bin")]
    [InlineData("binary-performance-coarse.bin")]
    [InlineData("multiclass-performance.bin")]
    [InlineData("regression-performance-exact.bin")]
    [InlineData("regression-performance-sketched.bin")]
    public void Deserialize_GoldenFile_ReserializesToSameBytes(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        Assert.True(File.Exists(path), $"Golden file {fileName} is missing.");
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(bytes, PerformanceStateKinds.Reserialize(fileName.Split('-')[0], bytes));
    }

    [Fact]
    public void Deserialize_GoldenFiles_AnswerLikeTheLiveStates()
    {
        static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

        BinaryPerformanceStateTests.AssertSameMetrics(
            PerformanceGoldenSketches.CoarseBinary().ComputeMetrics(),
            BinaryPerformanceState.Deserialize(Read("binary-performance-coarse.bin")).ComputeMetrics());
        Assert.Equal(
            PerformanceGoldenSketches.SketchedRegression().ComputeMetrics(),
            RegressionPerformanceState.Deserialize(Read("regression-performance-sketched.bin")).ComputeMetrics());
        Assert.Equal(
            PerformanceGoldenSketches.Multiclass().ComputeMetrics().PerLabel,
            MulticlassPerformanceState.Deserialize(Read("multiclass-performance.bin")).ComputeMetrics().PerLabel);
    }
}
