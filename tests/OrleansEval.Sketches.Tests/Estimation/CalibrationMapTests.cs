using OrleansEval.Sketches.Estimation;

namespace OrleansEval.Sketches.Tests.Estimation;

public class CalibrationMapTests
{
    [Fact]
    public void FitIsotonic_HandExample_InterpolatesBetweenFittedPointsAndClipsOutside()
    {
        // Labels 0, 1, 0, 1 at 0.1..0.4: the middle pair pools to 0.5.
        var map = CalibrationMap.FitIsotonic([0.1, 0.2, 0.3, 0.4], [false, true, false, true]);

        Assert.False(map.IsIdentity);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], map.KnotScores.ToArray());
        Assert.Equal([0.0, 0.5, 0.5, 1.0], map.KnotProbabilities.ToArray());
        Assert.Equal(0.0, map.Calibrate(0.1));
        Assert.Equal(0.25, map.Calibrate(0.15), 15);
        Assert.Equal(0.5, map.Calibrate(0.25));
        Assert.Equal(0.75, map.Calibrate(0.35), 15);
        Assert.Equal(0.0, map.Calibrate(0.0));
        Assert.Equal(1.0, map.Calibrate(0.99));
        Assert.True(double.IsNaN(map.Calibrate(double.NaN)));
    }

    [Fact]
    public void FitIsotonic_SingleDistinctScore_IsConstant()
    {
        var map = CalibrationMap.FitIsotonic([0.4, 0.4, 0.4, 0.4], [true, false, false, false]);

        Assert.Equal(1, map.KnotCount);
        Assert.Equal(0.25, map.Calibrate(0));
        Assert.Equal(0.25, map.Calibrate(0.4));
        Assert.Equal(0.25, map.Calibrate(1));
    }

    [Fact]
    public void Identity_ReturnsTheScore()
    {
        Assert.True(CalibrationMap.Identity.IsIdentity);
        Assert.Equal(0, CalibrationMap.Identity.KnotCount);
        Assert.Equal(0.123, CalibrationMap.Identity.Calibrate(0.123));
    }

    [Fact]
    public void Calibrate_WeatherMap_IsMonotoneAndWithinUnitInterval()
    {
        var map = CbpeWeatherScenarioTests.FitReference();
        var previous = double.NegativeInfinity;
        for (var i = 0; i <= 10_000; i++)
        {
            var p = map.Calibrate(i / 10_000.0);
            Assert.InRange(p, 0.0, 1.0);
            Assert.True(p >= previous);
            previous = p;
        }
    }

    [Fact]
    public void Serialize_RoundTrip_KeepsKnotsAndFingerprint()
    {
        var map = CbpeWeatherScenarioTests.FitReference();
        var copy = CalibrationMap.Deserialize(map.Serialize());

        Assert.Equal(map.KnotScores.ToArray(), copy.KnotScores.ToArray());
        Assert.Equal(map.KnotProbabilities.ToArray(), copy.KnotProbabilities.ToArray());
        Assert.Equal(map.Fingerprint, copy.Fingerprint);
        Assert.NotEqual(CalibrationMap.Identity.Fingerprint, map.Fingerprint);
        Assert.Same(CalibrationMap.Identity, CalibrationMap.Deserialize(CalibrationMap.Identity.Serialize()));
    }

    [Fact]
    public void FitIsotonic_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => CalibrationMap.FitIsotonic([0.1, 0.2], [true]));
        Assert.Throws<ArgumentException>(() => CalibrationMap.FitIsotonic([], []));
        Assert.Throws<ArgumentException>(() => CalibrationMap.FitIsotonic([1.5], [true]));
        Assert.Throws<ArgumentException>(() => CalibrationMap.FitIsotonic([double.NaN], [true]));
    }
}
