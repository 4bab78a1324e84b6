using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Performance;

public class PortableMathTests
{
    [Fact]
    public void Log_AcrossTheDoubleRange_IsWithinTwoUlpOfTheRuntime()
    {
        var random = new DeterministicRandom(1);
        var values = new List<double> { 1, 0.5, 2, 1e-15, 1 - 1e-15, 1e-300, double.Epsilon, 2.2250738585072014e-308, double.MaxValue, Math.E, 1.4142135623730951, 0.7071067811865476 };
        for (var i = 0; i < 100_000; i++)
        {
            values.Add(Math.ScaleB(1 + random.NextDouble(), random.NextInt(2098) - 1074));
            values.Add(1 + ((random.NextDouble() - 0.5) * 1e-6));
        }

        foreach (var x in values)
        {
            var expected = Math.Log(x);
            var actual = PortableMath.Log(x);
            var ulp = Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
            Assert.True(Math.Abs(actual - expected) <= 2 * ulp, $"ln({x:R}) = {actual:R}, runtime {expected:R}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Log_OutsideTheDomain_Throws(double x) => Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(x));
}
