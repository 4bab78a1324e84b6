namespace OrleansEval.Gateway.Performance;

/// <summary>The documented shape of one point of a calibration curve: a score band, how many predictions fell in it, their mean score and the positive rate observed.</summary>
internal sealed record CalibrationPointAnswer(double Lower, double Upper, long Count, double? MeanScore, double? ObservedPositiveRate);
