using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Estimation;

public class CalibrationCheckTests
{
    [Fact]
    public void ExpectedCalibrationError_FourObservations_UsesTwoBinsOfTwo()
    {
        // n ≤ 2b, so b = 2: bins {0.1, 0.2} with no positive and {0.3, 0.4} with two: ½·0.15 + ½·0.65.
        var error = ExpectedCalibrationError.Compute([0.4, 0.1, 0.3, 0.2], [true, false, true, false], binCount: 10);

        Assert.Equal(0.4, error, 15);
    }

    [Fact]
    public void ExpectedCalibrationError_Remainder_GoesToTheLastBin()
    {
        // 25 observations, 10 bins: width ⌊25/10⌋ = 2, ⌊25/2⌋ = 12 bins, the last of 3. Probability i/25, positive iff i ≥ 22:
        // every bin but the last has |mean p − 0|; the last holds 22, 23, 24 with all positive.
        var probabilities = Enumerable.Range(0, 25).Select(i => i / 25.0).ToArray();
        var actuals = Enumerable.Range(0, 25).Select(i => i >= 22).ToArray();
        var expected = 0.0;
        for (var bin = 0; bin < 11; bin++)
        {
            expected += 2.0 / 25 * ((2 * bin) + 0.5) / 25;
        }

        expected += 3.0 / 25 * (1 - (23.0 / 25));

        Assert.Equal(expected, ExpectedCalibrationError.Compute(probabilities, actuals), 14);
    }

    [Fact]
    public void ExpectedCalibrationError_TooFewObservations_Throws() =>
        Assert.Throws<ArgumentException>(() => ExpectedCalibrationError.Compute([0.1, 0.2, 0.3], [true, false, true]));

    [Fact]
    public void Evaluate_SingleClass_NeedsNoCalibration()
    {
        var result = CalibrationCheck.Evaluate([0.1, 0.5, 0.9, 0.3], [true, true, true, true]);

        Assert.False(result.NeedsCalibration);
        Assert.Null(result.ReferenceRocAuc);
        Assert.Null(result.RawError);
    }

    [Fact]
    public void Evaluate_PerfectlySeparatingScores_NeedNoCalibration()
    {
        var scores = Enumerable.Range(0, 200).Select(i => i / 200.0).ToArray();
        var actuals = scores.Select(s => s >= 0.5).ToArray();

        var result = CalibrationCheck.Evaluate(scores, actuals);

        Assert.False(result.NeedsCalibration);
        Assert.Equal(1.0, result.ReferenceRocAuc);
        Assert.Null(result.RawError);
    }

    [Fact]
    public void Evaluate_DistortedScores_NeedCalibration()
    {
        // True probability q, reported score q³: strongly under-confident in the middle.
        var random = new DeterministicRandom(21);
        var scores = new double[3000];
        var actuals = new bool[3000];
        for (var i = 0; i < scores.Length; i++)
        {
            var q = random.NextDouble();
            scores[i] = q * q * q;
            actuals[i] = random.NextDouble() < q;
        }

        var result = CalibrationCheck.Evaluate(scores, actuals);

        Assert.True(result.NeedsCalibration);
        Assert.True(result.RawError > 0.1);
        Assert.True(result.CalibratedError < 0.05);
    }

    [Fact]
    public void Evaluate_CalibratedScores_NeedNoCalibration()
    {
        var random = new DeterministicRandom(22);
        var scores = new double[5000];
        var actuals = new bool[5000];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = random.NextDouble();
            actuals[i] = random.NextDouble() < scores[i];
        }

        var result = CalibrationCheck.Evaluate(scores, actuals);

        Assert.False(result.NeedsCalibration);
        Assert.True(CalibrationMap.Fit(scores, actuals).IsIdentity);
    }

    [Fact]
    public void Evaluate_SameInputTwice_GivesTheSameDecisionAndErrors()
    {
        var (scores, actuals) = CbpeWeatherScenarioTests.ReferenceArrays();

        Assert.Equal(CalibrationCheck.Evaluate(scores, actuals), CalibrationCheck.Evaluate(scores, actuals));
    }

    [Fact]
    public void Evaluate_WeatherReference_NeedsCalibrationForEverySeed()
    {
        var (scores, actuals) = CbpeWeatherScenarioTests.ReferenceArrays();
        for (ulong seed = 0; seed < 10; seed++)
        {
            Assert.True(CalibrationCheck.Evaluate(scores, actuals, new CalibrationCheckOptions(Seed: seed)).NeedsCalibration);
        }
    }
}
