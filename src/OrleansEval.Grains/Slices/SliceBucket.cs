using OrleansEval.Models;
using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// One slice member in one event-time bucket: how many predictions it saw, the realised performance state of the
/// labelled ones (binary, multiclass or regression), and per calibration the label-free estimation state.
/// </summary>
internal sealed class SliceBucket
{
    private const byte UntaggedVersion = 1;
    private const byte FormatVersion = 2;
    private const string TypeName = "slice bucket";

    /// <summary>Equal-width bins of a binary classifier's score on [0, 1], for the prediction drift of a slice.</summary>
    public const int ScoreBins = 10;

    public long Predictions { get; set; }

    /// <summary>Predictions per score decile ([0, 0.1), …, [0.9, 1]); empty for models without a score.</summary>
    public long[] ScoreHistogram { get; } = new long[ScoreBins];

    public BinaryPerformanceState? Binary { get; private set; }

    public MulticlassPerformanceState? Multiclass { get; private set; }

    public RegressionPerformanceState? Regression { get; private set; }

    public Dictionary<ulong, CbpeState> Estimates { get; } = [];

    /// <summary>A binary classifier's log loss over its scored outcomes (scores clipped to [1e-15, 1 − 1e-15]).</summary>
    public LossMoments? LogLoss { get; private set; }

    /// <summary>A binary classifier's Brier score over its scored outcomes.</summary>
    public LossMoments? Brier { get; private set; }

    /// <summary>A regressor's squared error.</summary>
    public LossMoments? SquaredError { get; private set; }

    /// <summary>
    /// False when some outcome of the bucket was counted before it kept <see cref="LogLoss"/>, <see cref="Brier"/> and
    /// <see cref="SquaredError"/> (bytes of format 1 with outcomes, or a merge with such a bucket): they then miss it.
    /// </summary>
    public bool LossesComplete { get; private set; } = true;

    public long Labelled => Binary?.Count ?? Multiclass?.Count ?? Regression?.Count ?? 0;

    public void AddOutcome(ModelTask task, string positiveLabel, double score, string? predicted, double predictedValue, string? actual, double actualValue, int weight)
    {
        switch (task)
        {
            case ModelTask.BinaryClassification:
                Binary ??= new BinaryPerformanceState();
                double? scored = double.IsNaN(score) ? null : score;
                if (weight > 0)
                {
                    Binary.Add(scored, predicted == positiveLabel, actual == positiveLabel);
                }
                else
                {
                    Binary.Remove(scored, predicted == positiveLabel, actual == positiveLabel);
                }

                if (scored is { } p)
                {
                    var y = actual == positiveLabel ? 1.0 : 0.0;
                    Count(LogLoss ??= new LossMoments(), BinaryLosses.LogLoss(p, y), weight);
                    Count(Brier ??= new LossMoments(), BinaryLosses.Brier(p, y), weight);
                }

                break;
            case ModelTask.MulticlassClassification:
                Multiclass ??= new MulticlassPerformanceState();
                if (weight > 0)
                {
                    Multiclass.Add(actual!, predicted!);
                }
                else
                {
                    Multiclass.Remove(actual!, predicted!);
                }

                break;
            default:
                Regression ??= new RegressionPerformanceState();
                if (weight > 0)
                {
                    Regression.Add(actualValue, predictedValue);
                }
                else
                {
                    Regression.Remove(actualValue, predictedValue);
                }

                var difference = actualValue - predictedValue;
                if (double.IsFinite(difference * difference * difference * difference))
                {
                    Count(SquaredError ??= new LossMoments(), difference * difference, weight);
                }

                break;
        }
    }

    private static void Count(LossMoments moments, double loss, int weight)
    {
        if (weight > 0)
        {
            moments.Add(loss);
        }
        else
        {
            moments.Remove(loss);
        }
    }

    public void AddPrediction(double score, CalibrationMap? calibration, double threshold)
    {
        Predictions++;
        if (double.IsNaN(score))
        {
            return;
        }

        ScoreHistogram[Math.Min((int)(score * ScoreBins), ScoreBins - 1)]++;
        if (calibration is null)
        {
            return;
        }

        var key = EstimateKey(calibration, threshold);
        if (!Estimates.TryGetValue(key, out var estimate))
        {
            estimate = new CbpeState(calibration, threshold);
            Estimates.Add(key, estimate);
        }

        estimate.Add(score);
    }

    /// <summary>
    /// Estimation states are kept per calibration and decision threshold: states of different ones cannot merge, and
    /// a window is estimated under the current pair.
    /// </summary>
    public static ulong EstimateKey(CalibrationMap calibration, double threshold) =>
        calibration.Fingerprint ^ ((ulong)BitConverter.DoubleToInt64Bits(threshold) * 0x9E3779B97F4A7C15UL);

    /// <summary>One bucket holding everything <paramref name="parts"/> hold, merged in order.</summary>
    public static SliceBucket Combine(IEnumerable<SliceBucket> parts)
    {
        var combined = new SliceBucket();
        foreach (var part in parts)
        {
            combined.Merge(part);
        }

        return combined;
    }

    /// <summary>Adds another bucket's counts and states into this one (used to merge a window).</summary>
    public void Merge(SliceBucket other)
    {
        Predictions += other.Predictions;
        for (var i = 0; i < ScoreBins; i++)
        {
            ScoreHistogram[i] += other.ScoreHistogram[i];
        }
        if (other.Binary is not null)
        {
            (Binary ??= new BinaryPerformanceState()).Merge(other.Binary);
        }

        if (other.Multiclass is not null)
        {
            (Multiclass ??= new MulticlassPerformanceState()).Merge(other.Multiclass);
        }

        if (other.Regression is not null)
        {
            (Regression ??= new RegressionPerformanceState()).Merge(other.Regression);
        }

        foreach (var (fingerprint, estimate) in other.Estimates)
        {
            if (Estimates.TryGetValue(fingerprint, out var mine))
            {
                mine.Merge(estimate);
            }
            else
            {
                Estimates.Add(fingerprint, estimate.Clone());
            }
        }

        LogLoss = Merged(LogLoss, other.LogLoss);
        Brier = Merged(Brier, other.Brier);
        SquaredError = Merged(SquaredError, other.SquaredError);
        LossesComplete &= other.LossesComplete;
    }

    private static LossMoments? Merged(LossMoments? mine, LossMoments? other)
    {
        if (other is null)
        {
            return mine;
        }

        if (mine is null)
        {
            return other.Clone();
        }

        mine.Merge(other);
        return mine;
    }

    /// <summary>
    /// Layout after the header (<see cref="SketchKind.SliceBucket"/>, version 2): prediction count (int64), the score
    /// histogram (10 × int64), then binary, multiclass and regression state each as a block (empty when absent), then
    /// the number of estimation states (int32) and each as its key, its calibration's fingerprint and a block; then
    /// <see cref="LossesComplete"/> (a byte, 1 or 0) and the log loss, Brier and squared-error moments, each a presence
    /// byte and <see cref="LossMoments.Write"/>. Version 1 ends after the estimation states.
    /// </summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.SliceBucket, FormatVersion, 256);
        writer.WriteInt64(Predictions);
        foreach (var count in ScoreHistogram)
        {
            writer.WriteInt64(count);
        }

        writer.WriteBlock(Binary?.Serialize());
        writer.WriteBlock(Multiclass?.Serialize());
        writer.WriteBlock(Regression?.Serialize());
        writer.WriteInt32(Estimates.Count);
        foreach (var (key, estimate) in Estimates.OrderBy(e => e.Key))
        {
            writer.WriteUInt64(key);
            writer.WriteUInt64(estimate.Calibration.Fingerprint);
            writer.WriteBlock(estimate.Serialize());
        }

        writer.WriteByte(LossesComplete ? (byte)1 : (byte)0);
        foreach (var moments in new[] { LogLoss, Brier, SquaredError })
        {
            writer.WriteByte(moments is null ? (byte)0 : (byte)1);
            moments?.Write(writer);
        }

        return writer.ToArray();
    }

    private static bool ReadFlag(ref SketchReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        _ => throw reader.Corrupt("a flag is neither 0 nor 1"),
    };

    /// <summary>
    /// Reads the bytes of <see cref="Serialize"/>, or of the untagged format that preceded it (a version byte, then the
    /// same layout). An estimation state whose calibration is not in <paramref name="calibrations"/> is left out.
    /// </summary>
    public static SliceBucket Deserialize(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<ulong, CalibrationMap> calibrations)
    {
        var reader = bytes is [UntaggedVersion, ..]
            ? SketchReader.OpenUntagged(bytes, 1, TypeName)
            : SketchReader.Open(bytes, SketchKind.SliceBucket, FormatVersion, TypeName);
        var bucket = new SliceBucket { Predictions = reader.ReadInt64() };
        for (var i = 0; i < ScoreBins; i++)
        {
            bucket.ScoreHistogram[i] = reader.ReadInt64();
        }

        if (reader.ReadBlock() is { IsEmpty: false } binary)
        {
            bucket.Binary = BinaryPerformanceState.Deserialize(binary);
        }

        if (reader.ReadBlock() is { IsEmpty: false } multiclass)
        {
            bucket.Multiclass = MulticlassPerformanceState.Deserialize(multiclass);
        }

        if (reader.ReadBlock() is { IsEmpty: false } regression)
        {
            bucket.Regression = RegressionPerformanceState.Deserialize(regression);
        }

        var estimates = reader.ReadInt32Length(reader.Remaining, "an estimation state count");
        for (var i = 0; i < estimates; i++)
        {
            var key = reader.ReadUInt64();
            var fingerprint = reader.ReadUInt64();
            var block = reader.ReadBlock();
            if (block.IsEmpty)
            {
                throw reader.Corrupt("an estimation state is empty");
            }

            if (calibrations.TryGetValue(fingerprint, out var calibration))
            {
                bucket.Estimates[key] = CbpeState.Deserialize(block, calibration);
            }
        }

        if (reader.Version >= 2)
        {
            bucket.LossesComplete = ReadFlag(ref reader);
            bucket.LogLoss = ReadFlag(ref reader) ? LossMoments.Read(ref reader) : null;
            bucket.Brier = ReadFlag(ref reader) ? LossMoments.Read(ref reader) : null;
            bucket.SquaredError = ReadFlag(ref reader) ? LossMoments.Read(ref reader) : null;
        }
        else
        {
            // Outcomes counted before the bucket kept the losses' moments are not in them.
            bucket.LossesComplete = bucket.Labelled == 0;
        }

        reader.EnsureEnd();
        return bucket;
    }
}
