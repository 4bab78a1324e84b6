using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Estimation;

public class CbpeStateTests
{
    [Fact]
    public void Estimate_ThreePredictions_MatchesHandComputation()
    {
        // Identity calibration, threshold 0.5: 0.9 and 0.6 are predicted positive, 0.2 negative.
        var state = new CbpeState(CalibrationMap.Identity);
        state.Add(0.9);
        state.Add(0.2);
        state.Add(0.6);

        var estimate = state.Estimate();
        double tp = 1.5, fp = 0.5, tn = 0.8, fn = 0.2;
        Assert.Equal(3, estimate.Count);
        Assert.Equal(tp, estimate.TruePositives, 14);
        Assert.Equal(fp, estimate.FalsePositives, 14);
        Assert.Equal(tn, estimate.TrueNegatives, 14);
        Assert.Equal(fn, estimate.FalseNegatives, 14);
        Assert.Equal((tp + tn) / 3, estimate.Accuracy!.Value, 14);
        Assert.Equal(tp / (tp + fp), estimate.Precision!.Value, 14);
        Assert.Equal(tp / (tp + fn), estimate.Recall!.Value, 14);
        Assert.Equal(tp / (tp + (0.5 * (fp + fn))), estimate.F1!.Value, 14);

        // Thresholds from the top: 0.9 adds (p, 1 − p) = (0.9, 0.1), 0.6 adds (0.6, 0.4), 0.2 adds (0.2, 0.8).
        double positives = 1.7, negatives = 1.3;
        double[] tpr = [0, 0.9 / positives, 1.5 / positives, 1];
        double[] fpr = [0, 0.1 / negatives, 0.5 / negatives, 1];
        var area = 0.0;
        for (var i = 1; i < tpr.Length; i++)
        {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        }

        Assert.Equal(area, estimate.RocAuc!.Value, 14);
        Assert.Equal(0.0, estimate.RocAucErrorBound);
    }

    [Fact]
    public void Estimate_RepeatedScores_EqualTheirSeparateTrapezoids()
    {
        // Ties in the raw score are one threshold; the curve moves along a straight line across them.
        var state = new CbpeState(CalibrationMap.Identity);
        foreach (var score in new[] { 0.7, 0.7, 0.3, 0.7, 0.3 })
        {
            state.Add(score);
        }

        var estimate = state.Estimate();
        Assert.Equal(2, state.CellCount);
        double positives = (3 * 0.7) + (2 * 0.3), negatives = (3 * 0.3) + (2 * 0.7);
        var tpr = 2.1 / positives;
        var fpr = 0.9 / negatives;
        Assert.Equal((fpr * tpr / 2) + ((1 - fpr) * (1 + tpr) / 2), estimate.RocAuc!.Value, 14);
    }

    [Fact]
    public void Estimate_Empty_IsAllNull()
    {
        var estimate = new CbpeState(CalibrationMap.Identity).Estimate();

        Assert.Equal(0, estimate.Count);
        Assert.Null(estimate.Accuracy);
        Assert.Null(estimate.Precision);
        Assert.Null(estimate.Recall);
        Assert.Null(estimate.F1);
        Assert.Null(estimate.RocAuc);
        Assert.Null(estimate.RocAucErrorBound);
    }

    [Fact]
    public void Estimate_NoPredictedPositive_HasPrecisionZero()
    {
        var state = new CbpeState(CalibrationMap.Identity);
        state.Add(0.2);
        state.Add(0.4);

        var estimate = state.Estimate();

        Assert.Equal(0.0, estimate.Precision);
        Assert.Equal(0.0, estimate.Recall);
        Assert.Equal(0.0, estimate.F1);
        Assert.Equal(0.7, estimate.Accuracy!.Value, 15);
        Assert.NotNull(estimate.RocAuc);
    }

    [Fact]
    public void Estimate_NoExpectedPositive_HasRecallZeroAndNoRocAuc()
    {
        var state = new CbpeState(CalibrationMap.Identity);
        state.Add(0);
        state.Add(0);

        var estimate = state.Estimate();

        Assert.Equal(1.0, estimate.Accuracy);
        Assert.Equal(0.0, estimate.Precision);
        Assert.Equal(0.0, estimate.Recall);
        Assert.Equal(0.0, estimate.F1);
        Assert.Null(estimate.RocAuc);
    }

    [Fact]
    public void Add_UsesTheCalibratedProbabilityAndTheRawThreshold()
    {
        // The map sends every score to 0.25, yet a raw 0.6 is still predicted positive.
        var map = CalibrationMap.FitIsotonic([0.4, 0.4, 0.4, 0.4], [true, false, false, false]);
        var state = new CbpeState(map);
        state.Add(0.6);
        state.Add(0.1);

        var estimate = state.Estimate();

        Assert.Equal(1, state.PredictedPositives);
        Assert.Equal(0.25, estimate.TruePositives);
        Assert.Equal(0.75, estimate.FalsePositives);
        Assert.Equal(0.25, estimate.FalseNegatives);
        Assert.Equal(0.75, estimate.TrueNegatives);
    }

    [Fact]
    public void Add_InvalidScore_Throws()
    {
        var state = new CbpeState(CalibrationMap.Identity);

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.Add(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.Add(1.0000001));
        Assert.True(state.IsEmpty);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CbpeState(CalibrationMap.Identity, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CbpeState(CalibrationMap.Identity, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new CbpeState(CalibrationMap.Identity, 0.5, CbpeState.MaximumMaxExactScores + 1));
    }

    [Fact]
    public void Add_PastTheCap_MovesToTheFinestGridWithinTheCap()
    {
        var random = new DeterministicRandom(5);
        var exact = new CbpeState(CalibrationMap.Identity, 0.5, maxExactScores: 100_000);
        var coarse = new CbpeState(CalibrationMap.Identity, 0.5, maxExactScores: 64);
        for (var i = 0; i < 20_000; i++)
        {
            var score = random.NextDouble();
            exact.Add(score);
            coarse.Add(score);
        }

        Assert.Null(exact.Resolution);
        Assert.NotNull(coarse.Resolution);
        Assert.InRange(coarse.CellCount, 1, 64);

        // 20,000 uniform scores occupy all 64 cells of level 6 and, almost surely, more than 64 of level 7.
        Assert.Equal(6, coarse.Resolution);
        Assert.Equal(64, coarse.CellCount);
    }

    [Fact]
    public void Estimate_OnTheGrid_KeepsConfusionMetricsAndBracketsTheExactRocAuc()
    {
        var map = CbpeWeatherScenarioTests.FitReference();
        var random = new DeterministicRandom(6);
        foreach (var cap in new[] { 1, 2, 7, 64, 500 })
        {
            var exact = new CbpeState(map, 0.5, CbpeState.MaximumMaxExactScores);
            var coarse = new CbpeState(map, 0.5, cap);
            for (var i = 0; i < 3000; i++)
            {
                // Beta(2, 2)-like scores from two uniforms, so cells hold unequal masses.
                var score = (random.NextDouble() + random.NextDouble()) / 2;
                exact.Add(score);
                coarse.Add(score);
            }

            var e = exact.Estimate();
            var c = coarse.Estimate();
            Assert.Null(exact.Resolution);
            Assert.NotNull(coarse.Resolution);
            Assert.Equal(e.Accuracy, c.Accuracy);
            Assert.Equal(e.Precision, c.Precision);
            Assert.Equal(e.Recall, c.Recall);
            Assert.Equal(e.F1, c.F1);
            Assert.True(c.RocAuc <= e.RocAuc + 1e-12, $"cap {cap}: grid {c.RocAuc} above exact {e.RocAuc}");
            Assert.True(
                e.RocAuc <= c.RocAuc + c.RocAucErrorBound + 1e-12,
                $"cap {cap}: exact {e.RocAuc} beyond the bound {c.RocAuc} + {c.RocAucErrorBound}");
        }
    }

    [Fact]
    public void Add_SteadyState_AllocatesNothing()
    {
        var map = CbpeWeatherScenarioTests.FitReference();
        var exact = new CbpeState(map);
        var coarse = new CbpeState(map, 0.5, 32);
        var scores = new double[4096];
        var random = new DeterministicRandom(7);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = random.NextInt(1000) / 1000.0;
        }

        // Warm up: every distinct score is seen, the arrays reach their size and the grid its level.
        foreach (var score in scores)
        {
            exact.Add(score);
            coarse.Add(score);
        }

        // Measured three times, the least kept: the runtime may allocate once on this thread while it recompiles the
        // loop (tiered compilation), but an Add that allocates does so in every measurement.
        var allocated = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var round = 0; round < 10; round++)
            {
                foreach (var score in scores)
                {
                    exact.Add(score);
                    coarse.Add(score);
                }
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.Equal(31 * 4096, exact.Count);
    }
}
