using OrleansEval.Sketches.Estimation;
using Xunit.Abstractions;

namespace OrleansEval.Sketches.Tests.Estimation;

/// <summary>
/// The weather scenario against its truth, computed with NannyML 0.13.1's CBPE fitted on the 2012 reference: one
/// estimate per calendar month (UTC) of 2013–2015.
/// </summary>
public class CbpeWeatherScenarioTests(ITestOutputHelper output)
{
    /// <summary>The acceptance criterion.</summary>
    private const double Acceptance = 0.01;

    /// <summary>
    /// What matching NannyML's method gives. Accuracy, precision, recall and F1 agree to rounding (~1e-15); ROC AUC differs
    /// by up to ~2e-7 because NannyML rounds the cumulative expected counts to five decimals before forming the rates.
    /// </summary>
    private const double Achieved = 1e-6;

    [Fact]
    public void CalibrationCheck_WeatherReference_NeedsCalibrationAsTheTruthSays()
    {
        var (scores, actuals) = ReferenceArrays();
        var check = CalibrationCheck.Evaluate(scores, actuals);
        output.WriteLine(
            $"reference ROC AUC {check.ReferenceRocAuc:R}, ECE raw {check.RawError:R}, calibrated {check.CalibratedError:R}");

        Assert.Equal(WeatherScenario.Truth().NeedsCalibration, check.NeedsCalibration);
        Assert.True(check.NeedsCalibration);
        Assert.True(check.RawError > check.CalibratedError);
        Assert.False(CalibrationMap.Fit(scores, actuals).IsIdentity);
    }

    [Fact]
    public void Estimate_PerMonth_MatchesNannyMlTruth()
    {
        var (_, threshold, windows) = WeatherScenario.Truth();
        var map = FitReference();
        var states = PerMonth(map, threshold);
        Assert.Equal(windows.Count, states.Count);

        var largest = WeatherScenario.Metrics.ToDictionary(m => m, _ => 0.0);
        foreach (var window in windows)
        {
            Assert.True(states.TryGetValue(window.Start, out var state), $"No predictions in {window.Name}.");
            Assert.Equal(window.Count, state.Count);
            Assert.Null(state.Resolution);
            var estimate = state.Estimate();
            foreach (var metric in WeatherScenario.Metrics)
            {
                var actual = Metric(estimate, metric);
                Assert.NotNull(actual);
                var difference = Math.Abs(actual.Value - window.CbpeEstimate[metric]);
                largest[metric] = Math.Max(largest[metric], difference);
                Assert.True(
                    difference <= Acceptance,
                    $"{window.Name} {metric}: {actual.Value:R} vs NannyML {window.CbpeEstimate[metric]:R}");
            }
        }

        foreach (var (metric, difference) in largest)
        {
            output.WriteLine($"{metric}: largest difference {difference:E3}");
            Assert.True(difference <= Achieved, $"{metric}: largest difference {difference:E3} exceeds {Achieved:E0}");
        }
    }

    [Fact]
    public void Merge_DaysIntoMonths_GivesTheMonthlyStateBitForBit()
    {
        var (_, threshold, _) = WeatherScenario.Truth();
        var map = FitReference();
        var months = PerMonth(map, threshold);

        var days = new SortedDictionary<DateTimeOffset, CbpeState>();
        foreach (var record in WeatherScenario.Production())
        {
            var day = new DateTimeOffset(record.Timestamp.UtcDateTime.Date, TimeSpan.Zero);
            if (!days.TryGetValue(day, out var state))
            {
                days[day] = state = new CbpeState(map, threshold);
            }

            state.Add(record.Score);
        }

        var merged = new Dictionary<DateTimeOffset, CbpeState>();
        foreach (var (day, state) in days)
        {
            var month = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
            if (!merged.TryGetValue(month, out var total))
            {
                merged[month] = total = new CbpeState(map, threshold);
            }

            total.Merge(state);
        }

        Assert.Equal(months.Keys.Order(), merged.Keys.Order());
        foreach (var (month, state) in months)
        {
            Assert.Equal(state.Estimate(), merged[month].Estimate());
            Assert.Equal(state.Serialize(), merged[month].Serialize());
        }
    }

    [Fact]
    public void Add_WeatherPredictions_PredictedLabelIsTheRecordedPrediction()
    {
        var (_, threshold, _) = WeatherScenario.Truth();
        foreach (var record in WeatherScenario.Production())
        {
            var state = new CbpeState(CalibrationMap.Identity, threshold);
            state.Add(record.Score);
            Assert.Equal(record.Prediction, (int)state.PredictedPositives);
        }
    }

    internal static (double[] Scores, bool[] Actuals) ReferenceArrays()
    {
        var reference = WeatherScenario.Reference();
        var scores = new double[reference.Count];
        var actuals = new bool[reference.Count];
        for (var i = 0; i < reference.Count; i++)
        {
            scores[i] = reference[i].Score;
            actuals[i] = reference[i].Actual;
        }

        return (scores, actuals);
    }

    internal static CalibrationMap FitReference()
    {
        var (scores, actuals) = ReferenceArrays();
        return CalibrationMap.Fit(scores, actuals);
    }

    private static Dictionary<DateTimeOffset, CbpeState> PerMonth(CalibrationMap map, double threshold)
    {
        var states = new Dictionary<DateTimeOffset, CbpeState>();
        foreach (var record in WeatherScenario.Production())
        {
            var utc = record.Timestamp.UtcDateTime;
            var month = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
            if (!states.TryGetValue(month, out var state))
            {
                states[month] = state = new CbpeState(map, threshold);
            }

            state.Add(record.Score);
        }

        return states;
    }

    private static double? Metric(CbpeEstimate estimate, string metric) => metric switch
    {
        "accuracy" => estimate.Accuracy,
        "precision" => estimate.Precision,
        "recall" => estimate.Recall,
        "f1" => estimate.F1,
        "roc_auc" => estimate.RocAuc,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
