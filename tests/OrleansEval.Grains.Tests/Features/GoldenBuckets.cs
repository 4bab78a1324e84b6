using OrleansEval.Grains.Features;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Slices;
using OrleansEval.Models;
using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Estimation;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>Fixed buckets whose serialized bytes are committed, so a change of a bucket format is seen.</summary>
internal static class GoldenBuckets
{
    public const string BaselineKey = "training#1";

    private static readonly ColumnSettings Settings = ColumnSettings.From(new OrleansEvalOptions());

    /// <summary>Four values, one missing value and two type errors, with exact counts on one baseline's three bins.</summary>
    public static NumericBucket Numeric()
    {
        var baselines = new Dictionary<string, BinEdges>(StringComparer.Ordinal) { [BaselineKey] = new BinEdges([0.0, 10.0]) };
        var bucket = NumericBucket.Create(Settings, baselines, Settings.BucketExactCapacity);
        foreach (var value in new[] { 1.5, 12.25, -3.0, double.NaN, 7.0 })
        {
            bucket.Add(value, baselines);
        }

        bucket.TypeErrors = 2;
        return bucket;
    }

    /// <summary>Three categories, one missing value and one type error.</summary>
    public static CategoricalBucket Categorical()
    {
        var bucket = CategoricalBucket.Create(Settings);
        foreach (var category in new[] { "Seattle", "Boston", null, "Seattle", "Österreich" })
        {
            bucket.Add(category);
        }

        bucket.TypeErrors = 1;
        return bucket;
    }

    /// <summary>A binary classifier's bucket: five predictions (one unscored), one estimation state, three outcomes and one taken back.</summary>
    public static SliceBucket Slice()
    {
        var bucket = new SliceBucket();
        var calibration = Calibration();
        foreach (var score in new[] { 0.05, 0.42, 0.77, double.NaN, 0.91 })
        {
            bucket.AddPrediction(score, calibration, 0.5);
        }

        bucket.AddOutcome(ModelTask.BinaryClassification, "1", 0.77, "1", double.NaN, "1", double.NaN, 1);
        bucket.AddOutcome(ModelTask.BinaryClassification, "1", 0.42, "0", double.NaN, "1", double.NaN, 1);
        bucket.AddOutcome(ModelTask.BinaryClassification, "1", 0.05, "0", double.NaN, "0", double.NaN, 1);
        bucket.AddOutcome(ModelTask.BinaryClassification, "1", 0.05, "0", double.NaN, "0", double.NaN, -1);
        return bucket;
    }

    /// <summary>The isotonic map the slice bucket's estimation state was built with.</summary>
    public static CalibrationMap Calibration() =>
        CalibrationMap.FitIsotonic([0.1, 0.3, 0.35, 0.6, 0.8, 0.9], [false, false, true, false, true, true]);

    /// <summary>The calibrations a slice grain would hold for <see cref="Slice"/>.</summary>
    public static IReadOnlyDictionary<ulong, CalibrationMap> Calibrations()
    {
        var calibration = Calibration();
        return new Dictionary<ulong, CalibrationMap> { [calibration.Fingerprint] = calibration };
    }
}
